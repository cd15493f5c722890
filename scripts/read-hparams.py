#!/usr/bin/env python3
"""Prints, as JSON, the hparams of every run under LOGDIR as TensorBoard's own loader and
hparams plugin read them: {run: {name: value}} from `_hparams_/session_start_info`.

Used to make Tests/GradscopeTestSupport/Fixtures/hparams/expected.json and to check that
TensorBoard reads what `gradscope train` records.

    python3 scripts/read-hparams.py LOGDIR
"""
import json
import sys

from tensorboard.backend.event_processing import event_multiplexer
from tensorboard.plugins.hparams import metadata


def main():
    multiplexer = event_multiplexer.EventMultiplexer()
    multiplexer.AddRunsFromDirectory(sys.argv[1])
    multiplexer.Reload()
    content = multiplexer.PluginRunToTagToContent(metadata.PLUGIN_NAME)
    runs = {}
    for run, tags in sorted(content.items()):
        if metadata.SESSION_START_INFO_TAG not in tags:
            continue
        info = metadata.parse_session_start_info_plugin_data(tags[metadata.SESSION_START_INFO_TAG])
        runs[run] = {name: getattr(value, value.WhichOneof("kind")) for name, value in sorted(info.hparams.items())}
    json.dump(runs, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
