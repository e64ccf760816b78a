import Glibc

/// Bytes received and not yet consumed by the parser. Starts small, so that a silent client costs
/// a few KiB, and grows (up to a cap) only while a message needs the room.
struct ReadBuffer: ~Copyable {
    private var storage: UnsafeMutableRawPointer
    private(set) var capacity: Int
    private var start = 0
    private var end = 0
    private let initialCapacity: Int
    private let maxCapacity: Int

    init(initialCapacity: Int, maxCapacity: Int) {
        self.initialCapacity = initialCapacity
        self.maxCapacity = max(initialCapacity, maxCapacity)
        self.capacity = initialCapacity
        self.storage = .allocate(byteCount: initialCapacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { start == end }
    var count: Int { end - start }

    func withReadable<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        body(UnsafeRawBufferPointer(start: storage + start, count: end - start))
    }

    mutating func consume(_ count: Int) {
        start += count
        if start == end {
            start = 0
            end = 0
        }
    }

    /// Free space to read into, compacting or growing as needed; empty when at the cap and full.
    mutating func writableSpace() -> UnsafeMutableRawBufferPointer {
        if end == capacity {
            if start > 0 {
                memmove(storage, storage + start, end - start)
                end -= start
                start = 0
            } else if capacity < maxCapacity {
                resize(to: min(capacity * 2, maxCapacity))
            }
        }
        return UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end)
    }

    mutating func commit(_ count: Int) { end += count }

    /// Returns to the initial size once empty, so an idle keep-alive connection stays small.
    mutating func shrinkIfEmpty() {
        if isEmpty && capacity > initialCapacity { resize(to: initialCapacity) }
    }

    private mutating func resize(to newCapacity: Int) {
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newStorage.copyMemory(from: storage + start, byteCount: end - start)
        storage.deallocate()
        storage = newStorage
        end -= start
        start = 0
        capacity = newCapacity
    }
}
