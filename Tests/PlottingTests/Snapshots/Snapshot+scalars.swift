// Recorded display list; regenerate with GRADSCOPE_RECORD_SNAPSHOTS=1 swift test --filter PlottingTests.
extension Snapshots {
    static let scalars = #"""
fill #ffffffff M0.00,0.00 L288.00,0.00 L288.00,180.00 L0.00,180.00 Z
text "loss" at 144.00 8.00 top size10.00 bold #000000ff
fill #ffffffff M41.90,24.00 L280.00,24.00 L280.00,146.50 L41.90,146.50 Z
stroke #ddddddff w0.50 M41.90,24.00 L41.90,146.50
stroke #ddddddff w0.50 M75.91,24.00 L75.91,146.50
stroke #ddddddff w0.50 M109.93,24.00 L109.93,146.50
stroke #ddddddff w0.50 M143.94,24.00 L143.94,146.50
stroke #ddddddff w0.50 M177.96,24.00 L177.96,146.50
stroke #ddddddff w0.50 M211.97,24.00 L211.97,146.50
stroke #ddddddff w0.50 M245.99,24.00 L245.99,146.50
stroke #ddddddff w0.50 M280.00,24.00 L280.00,146.50
stroke #ddddddff w0.50 M41.90,129.00 L280.00,129.00
stroke #ddddddff w0.50 M41.90,109.11 L280.00,109.11
stroke #ddddddff w0.50 M41.90,89.23 L280.00,89.23
stroke #ddddddff w0.50 M41.90,69.34 L280.00,69.34
stroke #ddddddff w0.50 M41.90,49.45 L280.00,49.45
stroke #ddddddff w0.50 M41.90,29.57 L280.00,29.57
save
clip M41.90,24.00 L280.00,24.00 L280.00,146.50 L41.90,146.50 Z
stroke #1f77b440 w1.04 M41.90,29.57 L75.91,65.36 L109.93,89.23 L143.94,85.25 L177.96,113.09 L211.97,121.05 L245.99,117.07 L280.00,140.93
stroke #1f77b4ff w1.30 M41.90,29.57 L75.91,51.94 L109.93,70.96 L143.94,77.53 L177.96,92.95 L211.97,104.74 L245.99,109.81 L280.00,122.47
stroke #ff7f0e40 w1.04 M41.90,29.57 L75.91,53.43 L109.93,77.30 L143.94,97.18 L177.96,109.11 L211.97,125.02 L245.99,132.98 L280.00,136.95
stroke #ff7f0eff w1.30 M41.90,29.57 L75.91,44.48 L109.93,61.22 L143.94,77.75 L177.96,91.35 L211.97,105.48 L245.99,116.80 L280.00,125.00
restore
stroke #000000ff w0.80 M41.90,24.00 L280.00,24.00 L280.00,146.50 L41.90,146.50 Z
stroke #000000ff w0.80 M41.90,146.50 L41.90,150.00
text "0" at 41.90 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M75.91,146.50 L75.91,150.00
text "1" at 75.91 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M109.93,146.50 L109.93,150.00
text "2" at 109.93 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M143.94,146.50 L143.94,150.00
text "3" at 143.94 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M177.96,146.50 L177.96,150.00
text "4" at 177.96 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M211.97,146.50 L211.97,150.00
text "5" at 211.97 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M245.99,146.50 L245.99,150.00
text "6" at 245.99 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M280.00,146.50 L280.00,150.00
text "7" at 280.00 152.00 top size8.00 #000000ff
stroke #000000ff w0.80 M41.90,129.00 L38.40,129.00
text "1.5" at 35.40 129.00 right size8.00 #000000ff
stroke #000000ff w0.80 M41.90,109.11 L38.40,109.11
text "2.0" at 35.40 109.11 right size8.00 #000000ff
stroke #000000ff w0.80 M41.90,89.23 L38.40,89.23
text "2.5" at 35.40 89.23 right size8.00 #000000ff
stroke #000000ff w0.80 M41.90,69.34 L38.40,69.34
text "3.0" at 35.40 69.34 right size8.00 #000000ff
stroke #000000ff w0.80 M41.90,49.45 L38.40,49.45
text "3.5" at 35.40 49.45 right size8.00 #000000ff
stroke #000000ff w0.80 M41.90,29.57 L38.40,29.57
text "4.0" at 35.40 29.57 right size8.00 #000000ff
text "step" at 160.95 163.00 top size9.00 #000000ff
text "loss" at 17.00 85.25 bottom size9.00 rot-1.57 #000000ff
fill #ffffffd9 M221.60,28.80 L275.20,28.80 L275.20,56.80 L221.60,56.80 Z
stroke #ddddddff w0.60 M221.60,28.80 L275.20,28.80 L275.20,56.80 L221.60,56.80 Z
stroke #1f77b4ff w1.30 M225.60,37.20 L243.20,37.20
text "adam" at 247.20 37.20 left size8.00 #000000ff
stroke #ff7f0eff w1.30 M225.60,48.40 L243.20,48.40
text "radam" at 247.20 48.40 left size8.00 #000000ff
"""#
}
