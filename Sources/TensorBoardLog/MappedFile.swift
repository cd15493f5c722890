#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file. The kernel pages it in on demand and may drop
/// the pages at any time, so mapping a large file costs address space, not heap.
///
/// If another process truncates the file while it is mapped, touching the lost pages
/// raises SIGBUS; event files are append-only, so readers accept that risk as TensorBoard's
/// own memory-mapped readers do.
final class MappedFile {
    /// The file's bytes (empty for an empty file).
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`; nil if it cannot be opened, is not a regular file, or mapping fails.
    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            return nil
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}
