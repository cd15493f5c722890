extension ExponentialHistogram {
    /// Records every value of the buffer; the result equals recording them one by one
    /// (up to the rounding order of `sum` and `sumOfSquares`).
    ///
    /// Large buffers at scales −10…8 take the bulk path (`FloatSlotTable`): per value, one
    /// shift, one load of a 32-bit table entry, one add and one shift give the counting slot,
    /// with no branch; zeros, NaN and ±∞ have slots of their own. Counts go to two
    /// interleaved `UInt32` lanes (value `i` to lane `i mod 2`, slot `k` of lane `l` at
    /// `2k + l`, so a run of equal buckets does not wait on its own stores) over a dense window
    /// holding every normal `Float` bucket, which never grows. Subnormals (and, with a
    /// positive zero threshold, every magnitude up to the threshold's table key) land in a
    /// rescan slot and are recounted by the exact scalar path. Moments are accumulated in
    /// SIMD registers in the same loop and added per chunk of 4096 values (a chunk with NaN or
    /// ±∞ is recomputed over its finite values). Buffers shorter than the table's slots, with
    /// no zero threshold, look their slots up in the same table (`recordShort`).
    public mutating func record(contentsOf values: UnsafeBufferPointer<Float>) {
        guard let start = values.baseAddress, values.count > 0 else { return }
        guard FloatSlotTable.supportedScales.contains(scale) else {
            for x in values { record(x) }
            return
        }
        let table = FloatSlotTable.forScale(scale)
        let slotCount = 2 * table.slotsPerSign
        let entries = entriesWithZeroThreshold(table)
        guard values.count >= Swift.max(slotCount, entries.rescanLimit > 0x007f_ffff ? entries.entries.count : 0) else {
            if zeroThreshold == 0 { recordShort(values, table: table) } else { for x in values { record(x) } }
            return
        }
        let lanes = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * slotCount)
        defer { lanes.deallocate() }
        lanes.initialize(repeating: 0, count: 2 * slotCount)

        let chunkSize = 4096
        let flushInterval = 1 << 31   // ≤ 2^30 per lane between flushes: no UInt32 overflow
        entries.entries.withUnsafeBufferPointer { entryBuffer in
            var done = 0
            while done < values.count {
                let end = Swift.min(values.count, done + flushInterval)
                var chunkStart = done
                while chunkStart < end {
                    let chunk = UnsafeBufferPointer(start: start + chunkStart,
                                                    count: Swift.min(end, chunkStart + chunkSize) - chunkStart)
                    let moments = chunk.withMemoryRebound(to: UInt32.self) { bits in
                        Self.countSlots(bits, entries: entryBuffer.baseAddress!, keyShift: table.keyShift, lanes: lanes)
                    }
                    let nonFinite = settleSpecialSlots(chunk, table: table, lanes: lanes,
                                                       rescanFloor: entries.rescanFloor, rescanLimit: entries.rescanLimit)
                    if nonFinite {
                        addMomentsOfFiniteValues(chunk)
                    } else {
                        sum += moments.sum
                        sumOfSquares += moments.sumOfSquares
                        if moments.min < min { min = moments.min }
                        if moments.max > max { max = moments.max }
                    }
                    chunkStart += chunk.count
                }
                flush(lanes, table: table)
                done = end
            }
        }
    }

    /// A buffer shorter than the table's slots (whose lanes would cost more to fold than the
    /// values to count), with no zero threshold: each value's slot from the same table, then one
    /// dense run of bucket counts per sign over the slots that occur. Zeros, subnormals, ±∞ and
    /// NaN (the slots past the window) take the exact scalar path, moments included.
    private mutating func recordShort(_ values: UnsafeBufferPointer<Float>, table: FloatSlotTable) {
        let shift = table.keyShift, width = table.windowWidth, perSign = table.slotsPerSign
        var slots = [Int](repeating: -1, count: values.count)
        var lowest = [Int.max, Int.max], highest = [-1, -1]
        var moments = ChunkMoments()
        table.entries.withUnsafeBufferPointer { entries in
            for (i, x) in values.enumerated() {
                let bits = x.bitPattern
                let slot = Int(truncatingIfNeeded: (entries[Int(truncatingIfNeeded: bits &>> shift)] &+ bits) &>> shift)
                let sign = slot >= perSign ? 1 : 0, k = slot - sign * perSign
                guard k < width else { record(x); continue }
                slots[i] = slot
                lowest[sign] = Swift.min(lowest[sign], k)
                highest[sign] = Swift.max(highest[sign], k)
                let d = Double(x)
                moments.sum += d
                moments.sumOfSquares += d * d
                moments.min = Swift.min(moments.min, d)
                moments.max = Swift.max(moments.max, d)
            }
        }
        for sign in 0 ..< 2 where highest[sign] >= 0 {
            var counts = [UInt64](repeating: 0, count: highest[sign] - lowest[sign] + 1)
            for slot in slots where slot >= 0 && (slot >= perSign) == (sign == 1) {
                counts[slot - sign * perSign - lowest[sign]] += 1
            }
            // The table counts at the scale the call began with; adding may downscale the histogram.
            let run = BucketCounts(offset: table.windowLow + lowest[sign], counts: counts)
            addBuckets(run.downscaled(by: table.scale - scale), negative: sign == 1)
        }
        sum += moments.sum
        sumOfSquares += moments.sumOfSquares
        if moments.min < min { min = moments.min }
        if moments.max > max { max = moments.max }
    }

    /// Sum, sum of squares, min and max of a chunk, computed before knowing whether the
    /// chunk held NaN or ±∞ (it is then recomputed over the finite values only).
    struct ChunkMoments {
        var sum = 0.0, sumOfSquares = 0.0, min = Double.infinity, max = -Double.infinity
    }

    /// The hot loop, over one chunk: adds 1 to slot `(entries[bits >> shift] + bits) >> shift`
    /// of lane `i mod 2` for every value `i` (the count of slot `k`, lane `l` is
    /// `lanes[2k + l]`), and accumulates the moments in SIMD registers (integer and
    /// floating-point work interleaved, so both kinds of execution units are busy).
    @inline(__always)
    static func countSlots(_ bits: UnsafeBufferPointer<UInt32>, entries: UnsafePointer<UInt32>, keyShift: UInt32,
                           lanes: UnsafeMutablePointer<UInt32>) -> ChunkMoments {
        let n = bits.count
        let source = bits.baseAddress!
        let raw = UnsafeRawPointer(source)
        @inline(__always) func count(_ b: UInt32, lane: Int) {
            let slot = Int(truncatingIfNeeded: (entries[Int(truncatingIfNeeded: b &>> keyShift)] &+ b) &>> keyShift)
            lanes[slot &* 2 &+ lane] &+= 1
        }
        // Two independent accumulator sets hide the latency of the additions.
        var sums0 = SIMD4<Double>(), squares0 = SIMD4<Double>()
        var sums1 = SIMD4<Double>(), squares1 = SIMD4<Double>()
        var low = SIMD4<Float>(repeating: .infinity), high = SIMD4<Float>(repeating: -.infinity)
        var i = 0
        while i &+ 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
            let w = raw.loadUnaligned(fromByteOffset: i &* 4 &+ 16, as: SIMD4<Float>.self)
            count(source[i], lane: 0)
            count(source[i &+ 1], lane: 1)
            count(source[i &+ 2], lane: 0)
            count(source[i &+ 3], lane: 1)
            let d = SIMD4<Double>(Double(v.x), Double(v.y), Double(v.z), Double(v.w))
            sums0 += d
            squares0 += d * d
            low.replace(with: v, where: v .< low)
            high.replace(with: v, where: v .> high)
            count(source[i &+ 4], lane: 0)
            count(source[i &+ 5], lane: 1)
            count(source[i &+ 6], lane: 0)
            count(source[i &+ 7], lane: 1)
            let e = SIMD4<Double>(Double(w.x), Double(w.y), Double(w.z), Double(w.w))
            sums1 += e
            squares1 += e * e
            low.replace(with: w, where: w .< low)
            high.replace(with: w, where: w .> high)
            i &+= 8
        }
        var moments = ChunkMoments(sum: (sums0 + sums1).sum(), sumOfSquares: (squares0 + squares1).sum(),
                                   min: Double(low.min()), max: Double(high.max()))
        while i < n {
            count(source[i], lane: 0)
            let d = Double(Float(bitPattern: source[i]))
            moments.sum += d
            moments.sumOfSquares += d * d
            moments.min = Swift.min(moments.min, d)
            moments.max = Swift.max(moments.max, d)
            i &+= 1
        }
        return moments
    }

    /// The slot table adapted to this histogram's zero threshold: with a positive threshold,
    /// every key whose range starts at or below it goes to the rescan slot, and the exact
    /// scalar path recounts magnitudes (bit patterns) in `rescanFloor ... rescanLimit`.
    private func entriesWithZeroThreshold(_ table: FloatSlotTable)
        -> (entries: [UInt32], rescanFloor: UInt32, rescanLimit: UInt32) {
        guard zeroThreshold > 0 else { return (table.entries, 1, 0x007f_ffff) }
        let thresholdBits = Self.largestFloatBitsNotAbove(zeroThreshold)
        let keyWidth: UInt32 = 1 << table.keyShift
        let lastPatchedKey = Int(thresholdBits >> table.keyShift)
        var entries = table.entries
        let negativeKeys = entries.count / 2
        let noCarry = keyWidth - 1   // low(last) = 2^shift − 1: never moves to the next slot
        for key in 0 ... lastPatchedKey {
            entries[key] = FloatSlotTable.entry(slot: table.rescanSlot, key: key, shift: table.keyShift,
                                                lastLowBits: noCarry)
            entries[key + negativeKeys] = FloatSlotTable.entry(slot: table.slotsPerSign + table.rescanSlot,
                                                               key: key + negativeKeys, shift: table.keyShift,
                                                               lastLowBits: noCarry)
        }
        let limit = UInt32(lastPatchedKey) * keyWidth + (keyWidth - 1)
        return (entries, 0, Swift.max(limit, 0x007f_ffff))
    }

    /// Moves the chunk's rescan, ∞ and NaN slot counts into the histogram (recounting rescan
    /// values exactly) and zeroes them; returns whether the chunk held NaN or ±∞.
    private mutating func settleSpecialSlots(_ chunk: UnsafeBufferPointer<Float>, table: FloatSlotTable,
                                             lanes: UnsafeMutablePointer<UInt32>,
                                             rescanFloor: UInt32, rescanLimit: UInt32) -> Bool {
        func take(_ slot: Int) -> UInt64 {
            let total = UInt64(lanes[2 * slot]) + UInt64(lanes[2 * slot + 1])
            lanes[2 * slot] = 0
            lanes[2 * slot + 1] = 0
            return total
        }
        let negative = table.slotsPerSign
        if take(table.rescanSlot) + take(negative + table.rescanSlot) > 0 {
            for x in chunk {
                let magnitude = x.bitPattern & 0x7fff_ffff
                if magnitude >= rescanFloor && magnitude <= rescanLimit { recordCountOnly(Double(x)) }
            }
        }
        let positiveInfinities = take(table.infinitySlot), negativeInfinities = take(negative + table.infinitySlot)
        let nans = take(table.nanSlot) + take(negative + table.nanSlot)
        positiveInfinityCount &+= positiveInfinities
        negativeInfinityCount &+= negativeInfinities
        nanCount &+= nans
        return positiveInfinities + negativeInfinities + nans > 0
    }

    /// Counts a finite value in its bucket or as zero, without touching the moments.
    private mutating func recordCountOnly(_ x: Double) {
        if x.magnitude <= zeroThreshold { zeroCount &+= 1; return }
        addBucket(1, at: mapping.index(ofPositive: x.magnitude), negative: x < 0)
    }

    /// Adds the lane counts of bucket and zero slots into the histogram and zeroes the lanes.
    private mutating func flush(_ lanes: UnsafeMutablePointer<UInt32>, table: FloatSlotTable) {
        func total(_ slot: Int) -> UInt64 { UInt64(lanes[2 * slot]) + UInt64(lanes[2 * slot + 1]) }
        func fold(_ firstSlot: Int) -> BucketCounts {
            var counts = [UInt64](repeating: 0, count: table.windowWidth)
            var first = table.windowWidth, last = -1
            for k in 0 ..< table.windowWidth {
                let count = total(firstSlot + k)
                counts[k] = count
                if count != 0 { first = Swift.min(first, k); last = k }
            }
            guard last >= 0 else { return BucketCounts() }
            return BucketCounts(offset: table.windowLow + first, counts: Array(counts[first ... last]))
        }
        // The table counts at the scale the call began with; adding may downscale the histogram.
        addBuckets(fold(0).downscaled(by: table.scale - scale), negative: false)
        addBuckets(fold(table.slotsPerSign).downscaled(by: table.scale - scale), negative: true)
        zeroCount &+= total(table.zeroSlot) + total(table.slotsPerSign + table.zeroSlot)
        lanes.update(repeating: 0, count: 4 * table.slotsPerSign)
    }

    /// Adds the sum, sum of squares, min and max of the finite values.
    private mutating func addMomentsOfFiniteValues(_ values: UnsafeBufferPointer<Float>) {
        for x in values where x.isFinite {
            let d = Double(x)
            sum += d
            sumOfSquares += d * d
            if d < min { min = d }
            if d > max { max = d }
        }
    }

    /// Bit pattern of the largest non-negative `Float` not above `t` (`t ≥ 0`).
    static func largestFloatBitsNotAbove(_ t: Double) -> UInt32 {
        if t >= Double(Float.greatestFiniteMagnitude) { return Float.greatestFiniteMagnitude.bitPattern }
        var f = Float(t)
        if Double(f) > t { f = f.nextDown }
        return Swift.max(f, 0).bitPattern
    }
}
