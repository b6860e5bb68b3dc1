import EarshotCore
import Foundation

/// neomutt's side of the comparison: an mbox with one message per inbox item, the
/// same authors, texts and dates as the generated store, so both programs open the
/// same amount of mail.
enum Mbox {
    static func write(_ workspace: Workspace, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let fromLine = DateFormatter()
        fromLine.locale = Locale(identifier: "en_US_POSIX")
        fromLine.timeZone = TimeZone(identifier: "UTC")
        fromLine.dateFormat = "EEE MMM d HH:mm:ss yyyy"
        let header = DateFormatter()
        header.locale = fromLine.locale
        header.timeZone = fromLine.timeZone
        header.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        var chunk = ""
        for item in workspace.items.values.sorted(by: { $0.id < $1.id }) {
            let address = item.author.handle.dropFirst() + "@bench.example"
            let subject = item.text.split(separator: " ").prefix(6).joined(separator: " ")
            let status = item.status == .new ? "" : "Status: RO\n"
            chunk += """
                From \(address) \(fromLine.string(from: item.receivedAt))
                From: \(item.author.displayName) <\(address)>
                To: library@bench.example
                Subject: \(subject)
                Date: \(header.string(from: item.receivedAt))
                Message-ID: <\(item.id)@bench.example>
                Content-Type: text/plain; charset=utf-8
                \(status)
                \(item.text)


                """
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }

    /// A muttrc that opens without questions and keeps the mailbox as it was.
    static func muttrc(at url: URL, mbox: URL) throws {
        let dir = mbox.deletingLastPathComponent().path
        let text = """
            set folder="\(dir)"
            set spoolfile="\(mbox.path)"
            set record=""
            set postponed="\(dir)/postponed"
            set mbox_type=mbox
            set sort=date
            set move=no
            set resolve=no
            set delete=no
            set quit=yes
            set mark_old=no
            set confirmappend=no
            set header_cache=""
            set check_new=no
            set mail_check=0
            set timeout=600
            set read_inc=0
            set help=yes

            """
        try Data(text.utf8).write(to: url)
    }
}
