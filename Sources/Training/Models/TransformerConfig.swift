/// Shape of a ``Transformer``.
public struct TransformerConfig: Sendable, Equatable {
    /// Where LayerNorm sits in a block.
    public enum Placement: String, Sendable, CaseIterable {
        /// x = LN1(x + MHA(x)); x = LN2(x + FF(x))  (the original Transformer; the reference model).
        case postLN = "postln"
        /// x = x + MHA(LN1(x)); x = x + FF(LN2(x)); final LN before the read-out.
        case preLN = "preln"
    }

    public var placement: Placement = .postLN
    public var layers: Int = 6
    public var dModel: Int = 64
    public var heads: Int = 4
    /// Feed-forward width = ffMultiplier · dModel.
    public var ffMultiplier: Int = 4
    public var vocabulary: Int = 32
    /// Longest sequence (rows of the positional table).
    public var maxLength: Int = 33

    public init(placement: Placement = .postLN, layers: Int = 6, dModel: Int = 64, heads: Int = 4,
                vocabulary: Int = 32, maxLength: Int = 33) {
        self.placement = placement
        self.layers = layers
        self.dModel = dModel
        self.heads = heads
        self.vocabulary = vocabulary
        self.maxLength = maxLength
    }
}
