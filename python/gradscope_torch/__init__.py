"""gradscope-torch: exact log-scale gradient histograms from PyTorch training, for gradscope."""

from .histogram import BucketRun, ExponentialHistogram
from .logger import GradientLogger
from .eventfile import EventFileWriter, read_values

__all__ = ["GradientLogger", "ExponentialHistogram", "BucketRun", "EventFileWriter", "read_values"]
__version__ = "0.1.0"
