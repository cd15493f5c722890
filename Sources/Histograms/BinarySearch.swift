extension RandomAccessCollection {
    /// The first index whose element satisfies `isInSecondPart`, or `endIndex` when none does,
    /// for a collection partitioned so that every element failing the predicate comes before
    /// every element satisfying it (binary search, O(log n) predicate calls). On ascending
    /// edges, `partitioningIndex { $0 >= x }` is the first edge not below `x` and
    /// `partitioningIndex { $0 > x }` the first edge above it.
    public func partitioningIndex(where isInSecondPart: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isInSecondPart(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
