import Foundation

/// The test fixtures, one copy for every test target.
///
/// - `tensorboard/`: event files written by PyTorch's `SummaryWriter`, tensorboardX and TF2, and
///   `expected.json`, what TensorBoard's own loader read from them (copied from
///   `shared/reference/tensorboard`).
/// - `reference/`: PyTorch optimizer trajectories and the RAdam rectification table
///   (copied from `shared/reference`).
/// - `hparams/`: PyTorch `SummaryWriter.add_hparams` output and `expected.json`, what
///   TensorBoard's loader read from it (`scripts/read-hparams.py`).
/// - `torch_nan/`: PyTorch histograms holding NaN and Inf (see `NonFiniteForeignTests`).
/// - `gradscope-torch/`: a log written by the Python package (`python/scripts/make_swift_fixture.py`),
///   payload version 2; `gradscope-torch-v1/` the same script's log from the version 1 writer.
/// - `gradscope-v1/`: a log of `gradscope train` from the version 1 writer and its export.
/// - `hostile/`: crafted event files, one per case (`scripts/make-hostile-fixtures.py`).
public enum Fixtures {
    /// The `Fixtures` folder in this target's resource bundle.
    public static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    /// The logdir of TensorBoard reference runs (`Fixtures/tensorboard`).
    public static var tensorboard: URL { root.appendingPathComponent("tensorboard") }

    /// `Fixtures/tensorboard/expected.json`: what TensorBoard's loader read from `tensorboard`.
    public static var tensorboardExpected: URL { tensorboard.appendingPathComponent("expected.json") }

    /// A file under `Fixtures/reference` (for example `optimizer_trajectories.json`).
    public static func reference(_ name: String) -> URL {
        root.appendingPathComponent("reference").appendingPathComponent(name)
    }

    /// A fresh empty directory under the temporary directory; the caller removes it.
    public static func temporaryDirectory(prefix: String = "gradscope-tests") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
