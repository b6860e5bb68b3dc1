import Terminal

/// Where each part of the screen goes for a terminal size. Narrow terminals stack
/// the panes; from 120 columns the detail moves to a column of its own. The
/// focused list gets the larger share.
struct Layout: Equatable {
    static let minimum = Size(width: 80, height: 24)

    let size: Size
    let focus: Pane

    var tooSmall: Bool { size.width < Self.minimum.width || size.height < Self.minimum.height }
    var wide: Bool { size.width >= 120 }

    var header: Rect { Rect(x: 0, y: 0, width: size.width, height: 1) }
    var analytics: Rect { Rect(x: 0, y: 1, width: size.width, height: 2) }
    var hints: Rect { Rect(x: 0, y: size.height - 2, width: size.width, height: 1) }
    var status: Rect { Rect(x: 0, y: size.height - 1, width: size.width, height: 1) }

    private var bodyTop: Int { 3 }
    private var bodyHeight: Int { max(0, size.height - 5) }
    private var leftWidth: Int { wide ? size.width * 11 / 20 : size.width }

    /// Rows of list content (titles excluded) shared by the two lists.
    private var listRows: Int {
        if wide { return max(2, bodyHeight - 2) }
        let content = bodyHeight - 3
        return max(2, content - detailRows)
    }

    var detailRows: Int {
        wide ? max(1, bodyHeight - 1) : max(3, (bodyHeight - 3) * 2 / 5)
    }

    var inboxRows: Int { focus == .inbox ? listRows - draftRowsWhenUnfocused : draftRowsWhenUnfocused }
    var draftRows: Int { listRows - inboxRows }
    private var draftRowsWhenUnfocused: Int { max(2, listRows / 3 + (listRows % 3 == 2 ? 1 : 0)) }

    var inboxTitle: Rect { Rect(x: 0, y: bodyTop, width: leftWidth, height: 1) }
    var inboxList: Rect { Rect(x: 0, y: bodyTop + 1, width: leftWidth, height: inboxRows) }
    var draftsTitle: Rect { Rect(x: 0, y: inboxList.maxY, width: leftWidth, height: 1) }
    var draftsList: Rect { Rect(x: 0, y: draftsTitle.maxY, width: leftWidth, height: draftRows) }

    var detailTitle: Rect {
        wide ? Rect(x: leftWidth + 1, y: bodyTop, width: size.width - leftWidth - 1, height: 1)
             : Rect(x: 0, y: draftsList.maxY, width: size.width, height: 1)
    }

    var detailBody: Rect {
        Rect(x: detailTitle.x, y: detailTitle.maxY, width: detailTitle.width, height: detailRows)
    }

    /// The column between list and detail in the wide layout.
    var divider: Rect? {
        wide ? Rect(x: leftWidth, y: bodyTop, width: 1, height: bodyHeight) : nil
    }

    /// The whole body, for the zoomed detail and the help overlay.
    var body: Rect { Rect(x: 0, y: bodyTop, width: size.width, height: bodyHeight) }
}
