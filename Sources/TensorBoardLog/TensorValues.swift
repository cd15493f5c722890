import Foundation

/// Reading numbers out of a `TensorProto`.
extension Tensorboard_TensorProto {
    /// Dimension sizes, outermost first (empty for a scalar).
    var dimensions: [Int64] { tensorShape.dim.map(\.size) }

    /// The elements of a `DT_FLOAT` or `DT_DOUBLE` tensor as doubles, row major, from
    /// `tensor_content` (little-endian) or else from `float_val` / `double_val`; nil for
    /// other dtypes or when `tensor_content` is not a whole number of elements.
    func floatingPointElements() -> [Double]? {
        switch dtype {
        case .dtFloat:
            if !tensorContent.isEmpty {
                return Self.decodeLittleEndian(tensorContent, as: UInt32.self) { Double(Float(bitPattern: $0)) }
            }
            return floatVal.map(Double.init)
        case .dtDouble:
            if !tensorContent.isEmpty {
                return Self.decodeLittleEndian(tensorContent, as: UInt64.self) { Double(bitPattern: $0) }
            }
            return doubleVal
        default:
            return nil
        }
    }

    private static func decodeLittleEndian<Word: FixedWidthInteger>(
        _ content: Data, as _: Word.Type, _ convert: (Word) -> Double
    ) -> [Double]? {
        let size = MemoryLayout<Word>.size
        guard content.count % size == 0 else { return nil }
        let count = content.count / size
        return content.withUnsafeBytes { raw in
            [Double](unsafeUninitializedCapacity: count) { out, initialized in
                for i in 0..<count {
                    out[i] = convert(Word(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: Word.self)))
                }
                initialized = count
            }
        }
    }
}
