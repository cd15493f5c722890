// Recorded display list; regenerate with GRADSCOPE_RECORD_SNAPSHOTS=1 swift test --filter PlottingTests.
extension Snapshots {
    static let heatmap = #"""
fill #ffffffff M0.00,0.00 L288.00,0.00 L288.00,180.00 L0.00,180.00 Z
text "heatmap" at 144.00 8.00 top size10.00 bold #000000ff
fill #ffffffff M51.50,24.00 L223.10,24.00 L223.10,146.50 L51.50,146.50 Z
save
clip M51.50,24.00 L223.10,24.00 L223.10,146.50 L51.50,146.50 Z
image 17x11 in 51.50 24.00 171.60 115.02 fnv53954026
image 17x1 in 51.50 140.75 171.60 5.75 fnv75103071
restore
stroke #000000ff w0.80 M51.50,24.00 L223.10,24.00 L223.10,146.50 L51.50,146.50 Z
stroke #000000ff w0.80 M65.80,146.50 L65.80,150.00
text "0" at 65.80 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M94.40,146.50 L94.40,150.00
text "10" at 94.40 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M123.00,146.50 L123.00,150.00
text "20" at 123.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M151.60,146.50 L151.60,150.00
text "30" at 151.60 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M180.20,146.50 L180.20,150.00
text "40" at 180.20 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M208.80,146.50 L208.80,150.00
text "50" at 208.80 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M51.50,116.02 L48.00,116.02
text "e⁻⁸" at 45.00 116.02 right size8.00 #000000ff
stroke #000000ff w0.80 M51.50,93.01 L48.00,93.01
text "e⁻⁶" at 45.00 93.01 right size8.00 #000000ff
stroke #000000ff w0.80 M51.50,70.01 L48.00,70.01
text "e⁻⁴" at 45.00 70.01 right size8.00 #000000ff
stroke #000000ff w0.80 M51.50,47.00 L48.00,47.00
text "e⁻²" at 45.00 47.00 right size8.00 #000000ff
stroke #000000ff w0.80 M51.50,24.00 L48.00,24.00
text "e⁰" at 45.00 24.00 right size8.00 #000000ff
stroke #000000ff w0.80 M51.50,143.62 L48.00,143.62
text "≤e⁻¹⁰" at 45.00 143.62 right size8.00 #000000ff
text "step" at 137.30 163.00 top size9.00 #000000ff
text "|g|" at 17.00 85.25 bottom size9.00 rot-1.57 #000000ff
stroke #000000ff w0.60 M51.50,139.89 L223.10,139.89
image 1x256 in 233.10 24.00 10.00 122.50 fnvc44371b1
stroke #000000ff w0.80 M233.10,24.00 L243.10,24.00 L243.10,146.50 L233.10,146.50 Z
stroke #000000ff w0.80 M243.10,69.38 L246.60,69.38
text "0.1" at 248.60 69.38 left size8.00 #000000ff
stroke #000000ff w0.80 M243.10,38.03 L246.60,38.03
text "0.2" at 248.60 38.03 left size8.00 #000000ff
text "fraction of values" at 267.00 85.25 top size9.00 rot-1.57 #000000ff
"""#
}
