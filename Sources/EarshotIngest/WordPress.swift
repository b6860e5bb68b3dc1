import EarshotCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// WordPress comments from the REST API (`GET /wp-json/wp/v2/comments`,
/// https://developer.wordpress.org/rest-api/reference/comments/).
public enum WordPress {
    public struct Rendered: Decodable, Sendable { public var rendered: String }

    public struct Comment: Decodable, Sendable {
        public var id: Int
        public var post: Int
        public var parent: Int
        public var author_name: String
        public var date_gmt: String
        public var content: Rendered
        public var link: String?
        public var status: String?
    }

    public static func comments(_ data: Data) throws -> [Comment] {
        do { return try JSONDecoder().decode([Comment].self, from: data) } catch {
            throw MappingError("WordPress comments: \(error)")
        }
    }

    /// Platform ids are the comment ids, so the REST API and a WXR export agree.
    public static func arrivals(_ comments: [Comment], channel: Channel = .blog, ownNames: Set<String> = []) -> [Arrival] {
        comments.filter { $0.status != "spam" && $0.status != "trash" }.map { c in
            arrival(id: String(c.id), parent: c.parent, author: c.author_name, dateGMT: c.date_gmt,
                    html: c.content.rendered, url: c.link, channel: channel, ownNames: ownNames)
        }
    }

    static func arrival(
        id: String, parent: Int, author: String, dateGMT: String, html: String, url: String?,
        channel: Channel, ownNames: Set<String>
    ) -> Arrival {
        let name = HTMLText.decodeEntities(author).trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = name.isEmpty ? "Anonymous" : name
        return Arrival(
            channel: channel, platformID: id, handle: shown, name: shown, text: HTMLText.plain(html),
            at: PlatformDate.iso(dateGMT) ?? Date(timeIntervalSince1970: 0),
            inReplyTo: parent > 0 ? String(parent) : nil, url: url,
            fromLibrary: ownNames.contains(shown.lowercased()))
    }
}

/// A WordPress export (WXR: RSS with `wp:` elements): every approved comment of every post.
public final class WXR: NSObject, XMLParserDelegate {
    private var arrivals: [Arrival] = []
    private var comment: [String: String]?
    private var text = ""
    private var postLink: String?
    private let channel: Channel
    /// A cut-off download parses without error on some platforms: require the closing tag.
    private var complete = false

    private init(channel: Channel) { self.channel = channel }

    public static func arrivals(_ data: Data, channel: Channel = .blog) throws -> [Arrival] {
        let reader = WXR(channel: channel)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.complete else {
            throw MappingError("not a WordPress export: XML error at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unreadable")")
        }
        return reader.arrivals
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                       qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "wp:comment" { comment = [:] }
        text = ""
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    public func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "rss" { complete = true }
        if name == "link", comment == nil { postLink = text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if name.hasPrefix("wp:comment_"), comment != nil {
            comment?[String(name.dropFirst("wp:comment_".count))] = text
        }
        if name == "wp:comment", let c = comment {
            comment = nil
            let approved = c["approved"] ?? "1"
            let type = c["type"] ?? ""
            guard approved == "1", type.isEmpty || type == "comment", let id = c["id"], !id.isEmpty else { return }
            let url = postLink.map { "\($0)#comment-\(id)" }
            arrivals.append(WordPress.arrival(
                id: id, parent: Int(c["parent"] ?? "0") ?? 0, author: c["author"] ?? "", dateGMT: c["date_gmt"] ?? "",
                html: c["content"] ?? "", url: url, channel: channel, ownNames: []))
        }
        text = ""
    }
}
