import Testing

@Test func placeholderTensorBoardLogTests() { #expect(Bool(true)) }
