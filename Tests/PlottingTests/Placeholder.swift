import Testing

@Test func placeholderPlottingTests() { #expect(Bool(true)) }
