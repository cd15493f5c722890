import Testing

@Test func placeholderTrainingTests() { #expect(Bool(true)) }
