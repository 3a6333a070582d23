/// A point in a source file: a UTF-8 byte offset plus the 1-based line and column a person reads.
///
/// `column` counts characters (Unicode scalars) from the start of the line, as libyaml does; `offset` counts
/// bytes from the start of the input, a byte order mark included, so `bytes[offset...]` is the text at this point.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Kept in 32 bits each (a span in 24 bytes, not 48: every node and Helm value holds two or three spans). The
    // parser refuses input over `YAMLLimits.largestInputBytes`, so nothing is lost; a larger number is clamped.
    private var storedOffset: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The UTF-8 byte offset from the start of the input (0-based).
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = Int32(clamping: newValue) }
    }
    /// The 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// The 1-based column, counted in characters (Unicode scalars).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Creates a position.
    public init(offset: Int, line: Int, column: Int) {
        storedOffset = Int32(clamping: offset)
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// Creates a position from numbers known not to be negative (the parser's), clamped only from above: the
    /// parser makes one for every mark, and the checks of `Int32(clamping:)` and a call each added up.
    @inline(__always)
    init(nonNegativeOffset offset: Int, line: Int, column: Int) {
        storedOffset = Int32(truncatingIfNeeded: min(offset, Int(Int32.max)))
        storedLine = Int32(truncatingIfNeeded: min(line, Int(Int32.max)))
        storedColumn = Int32(truncatingIfNeeded: min(column, Int(Int32.max)))
    }

    /// Creates a position inside an accepted input, where none of the numbers can pass `Int32.max`: the offset is
    /// below the input's byte count (itself at most ``YAMLLimits/largestInputBytes``), and the line and the column
    /// are at most one more than the offset.
    @inline(__always)
    init(insideInputOffset offset: Int, line: Int, column: Int) {
        storedOffset = Int32(truncatingIfNeeded: offset)
        storedLine = Int32(truncatingIfNeeded: line)
        storedColumn = Int32(truncatingIfNeeded: column)
    }

    /// The start of an input.
    public static let start = SourcePosition(offset: 0, line: 1, column: 1)

    /// Orders by byte offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// The exact stretch of source a node or key occupies: `bytes[start.offset..<end.offset]`.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first byte of the node (its anchor or tag, if it has one).
    public var start: SourcePosition
    /// The position just after the node's last byte.
    public var end: SourcePosition

    /// Creates a span.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// An empty span at the start of an input, for nodes that were built rather than parsed.
    public static let none = SourceSpan(start: .start, end: .start)

    /// The UTF-8 byte range of the span.
    public var byteRange: Range<Int> { start.offset..<end.offset }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
