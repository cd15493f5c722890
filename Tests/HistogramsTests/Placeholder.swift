import Testing

@Test func placeholderHistogramsTests() { #expect(Bool(true)) }
