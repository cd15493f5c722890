import Testing
@testable import Training

/// Known-answer vectors for the trainer's generators. The expected values were computed
/// independently, by a few lines of Python transcribing the authors' reference C code
/// (Blackman & Vigna, prng.di.unimi.it: `splitmix64.c`, `xoshiro256starstar.c`) in
/// arbitrary-precision integers masked to 64 bits; xoshiro256** is seeded, as the authors
/// recommend, with the first four SplitMix64 outputs of the seed. SplitMix64(0)'s first
/// output, 0xE220A8397B1DCDAF, is also the widely published first value of that generator.
@Suite("Random generators")
struct RandomTests {
    static let splitMixVectors: [(UInt64, [UInt64])] = [
        (0, [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC]),
        (1, [0x910A_2DEC_8902_5CC1, 0xBEEB_8DA1_658E_EC67, 0xF893_A2EE_FB32_555E, 0x71C1_8690_EE42_C90B]),
        (0xDEAD_BEEF, [0x4ADF_B90F_68C9_EB9B, 0xDE58_6A31_41A1_0922, 0x021F_BC2F_8E1C_FC1D, 0x7466_CE73_7BE1_6790]),
    ]

    static let xoshiroVectors: [(UInt64, [UInt64])] = [
        (0, [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0,
             0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59]),
        (1, [0xB3F2_AF6D_0FC7_10C5, 0x853B_5596_4736_4CEA, 0x92F8_9756_082A_4514,
             0x642E_1C7B_C266_A3A7, 0xB27A_48E2_9A23_3673]),
        (0xDEAD_BEEF, [0xC555_5444_A74D_7E83, 0x65C3_0D37_B4B1_6E38, 0x54F7_7320_0A4E_FA23,
                       0x429A_ED75_FB95_8AF7, 0xFB0E_1DD6_9C25_5B2E]),
    ]

    @Test(arguments: splitMixVectors)
    func splitMix64(seed: UInt64, expected: [UInt64]) {
        var g = SplitMix64(seed: seed)
        #expect((0..<4).map { _ in g.next() } == expected)
    }

    @Test(arguments: xoshiroVectors)
    func xoshiro256StarStar(seed: UInt64, expected: [UInt64]) {
        var g = Xoshiro256(seed: seed)
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    /// uniform() is the top 53 bits over 2⁵³: for seed 0 the first output 0x99EC5F36CB75F2B4
    /// gives 0x99EC5F36CB75F2B4 >> 11 = 0x133D8BE6D96EBE, i.e. 0x133D8BE6D96EBE / 2⁵³.
    @Test func uniformUsesTheTop53Bits() {
        var g = Xoshiro256(seed: 0)
        #expect(g.uniform() == Double(0x13_3D8B_E6D9_6EBE) * 0x1p-53)
    }
}
