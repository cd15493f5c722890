// Recorded display list; regenerate with GRADSCOPE_RECORD_SNAPSHOTS=1 swift test --filter PlottingTests.
extension Snapshots {
    static let heatmap = #"""
fill #ffffffff M0.00,0.00 L288.00,0.00 L288.00,180.00 L0.00,180.00 Z
text "heatmap" at 144.00 8.00 top size10.00 bold #000000ff
fill #ffffffff M51.50,24.00 L213.50,24.00 L213.50,146.50 L51.50,146.50 Z
save
clip M51.50,24.00 L213.50,24.00 L213.50,146.50 L51.50,146.50 Z
image 16x11 in 51.50 24.00 162.00 115.02 fnv8e054b2f
image 16x1 in 51.50 140.75 162.00 5.75 fnvbbc5c685
restore
stroke #000000ff w0.80 M51.50,24.00 L213.50,24.00 L213.50,146.50 L51.50,146.50 Z
stroke #000000ff w0.80 M65.00,146.50 L65.00,150.00
text "0" at 65.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M92.00,146.50 L92.00,150.00
text "10" at 92.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M119.00,146.50 L119.00,150.00
text "20" at 119.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M146.00,146.50 L146.00,150.00
text "30" at 146.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M173.00,146.50 L173.00,150.00
text "40" at 173.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M200.00,146.50 L200.00,150.00
text "50" at 200.00 152.00 top size8.00 #000000ff
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
text "step" at 132.50 163.00 top size9.00 #000000ff
text "|g|" at 17.00 85.25 bottom size9.00 rot-1.57 #000000ff
stroke #000000ff w0.60 M51.50,139.89 L213.50,139.89
image 1x256 in 223.50 24.00 10.00 122.50 fnvc44371b1
stroke #000000ff w0.80 M223.50,24.00 L233.50,24.00 L233.50,146.50 L223.50,146.50 Z
stroke #000000ff w0.80 M233.50,69.38 L237.00,69.38
text "0.1" at 239.00 69.38 left size8.00 #000000ff
stroke #000000ff w0.80 M233.50,38.03 L237.00,38.03
text "0.2" at 239.00 38.03 left size8.00 #000000ff
text "fraction of values" at 257.40 85.25 top size9.00 rot-1.57 #000000ff
"""#
}
