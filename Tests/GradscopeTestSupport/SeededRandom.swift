/// The tests' seeded generator is the trainer's own `SplitMix64` (Training/Tensors/Random.swift),
/// re-exported so that a test target needs only `import GradscopeTestSupport`.
@_exported import struct Training.SplitMix64
