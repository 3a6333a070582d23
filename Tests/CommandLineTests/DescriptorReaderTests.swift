import Foundation
import Testing

@testable import keda_cert_migrate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading a descriptor to its end: straight into the result when the size is known, in chunks past it.
@Suite struct DescriptorReaderTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "descriptor-reader-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// The bytes of `readAll` over a file holding `bytes`, with the given size hint and limit.
    func read(_ bytes: [UInt8], sizeHint: Int, limit: Int = .max) throws -> DescriptorReader.Outcome {
        let path = folder + "/file-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        return DescriptorReader.readAll(descriptor, sizeHint: sizeHint, limit: limit)
    }

    func bytes(_ outcome: DescriptorReader.Outcome) -> [UInt8]? {
        if case .bytes(let bytes) = outcome { return bytes }
        return nil
    }

    func isOverLimit(_ outcome: DescriptorReader.Outcome) -> Bool {
        if case .overLimit = outcome { return true }
        return false
    }

    @Test("a file of the hinted size, an empty one, and files longer or shorter than the hint")
    func sizes() throws {
        let content = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(bytes(try read(content, sizeHint: content.count)) == content)
        #expect(bytes(try read([], sizeHint: 0)) == [])
        // A file that grew since `fstat` (the hint is short): the rest arrives in chunks.
        #expect(bytes(try read(content, sizeHint: 100)) == content)
        #expect(bytes(try read(content, sizeHint: 0)) == content)
        #expect(bytes(try read(Array(content.prefix(4096)), sizeHint: 4095)) == Array(content.prefix(4096)))
        // A file that shrank: what is there.
        #expect(bytes(try read(Array(content.prefix(10)), sizeHint: 5000)) == Array(content.prefix(10)))
    }

    @Test("more than the limit stops reading, whether within the hint or past it")
    func limit() throws {
        let content = [UInt8](repeating: 0x61, count: 10_000)
        #expect(isOverLimit(try read(content, sizeHint: content.count, limit: 9_999)))
        #expect(isOverLimit(try read(content, sizeHint: 0, limit: 5_000)))
        #expect(bytes(try read(content, sizeHint: content.count, limit: 10_000)) == content)
        #expect(bytes(try read(content, sizeHint: 0, limit: 10_000)) == content)
    }

    @Test("a pipe is read to its end")
    func readsAPipe() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        let writeEnd = ends[1]
        let content = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let writer = Thread {
            content.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writeEnd)
        }
        writer.start()
        let outcome = DescriptorReader.readAll(ends[0])
        close(ends[0])
        #expect(bytes(outcome) == content)
    }
}
