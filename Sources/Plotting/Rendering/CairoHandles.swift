import CCairo

/// Throws when `status` is not `CAIRO_STATUS_SUCCESS`.
func checkCairo(_ status: cairo_status_t, _ operation: String) throws {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw PlotError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
}

/// An owned `cairo_surface_t`, destroyed with the object.
final class CairoSurface {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer, operation: String) throws {
        self.pointer = pointer
        try checkCairo(cairo_surface_status(pointer), operation)
    }
    deinit { cairo_surface_destroy(pointer) }

    func finish() throws {
        cairo_surface_finish(pointer)
        try checkCairo(cairo_surface_status(pointer), "finishing the surface")
    }
}

/// An owned `cairo_t`, destroyed with the object.
final class CairoContext {
    let pointer: OpaquePointer
    init(surface: CairoSurface) throws {
        pointer = cairo_create(surface.pointer)
        try checkCairo(cairo_status(pointer), "creating a context")
    }
    deinit { cairo_destroy(pointer) }
    func check(_ operation: String) throws { try checkCairo(cairo_status(pointer), operation) }
}

/// Bytes that cairo streams out (SVG, PDF, PNG), collected in memory.
final class ByteSink {
    var bytes: [UInt8] = []

    /// A `cairo_write_func_t` appending to the sink passed as closure.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }
}
