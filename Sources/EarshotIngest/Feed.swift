import EarshotCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// RSS 2.0 and Atom comment feeds (blogs, Flickr, anything that publishes one). Atom
/// threading (`thr:in-reply-to`, RFC 4685) joins a comment to its parent.
public final class Feed: NSObject, XMLParserDelegate {
    private var arrivals: [Arrival] = []
    private var entry: [String: String]?
    private var text = ""
    private var inAuthor = false
    private let channel: Channel
    /// A cut-off download parses without error on some platforms: require the closing tag.
    private var complete = false

    private init(channel: Channel) { self.channel = channel }

    public static func arrivals(_ data: Data, channel: Channel) throws -> [Arrival] {
        let reader = Feed(channel: channel)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.complete else {
            throw MappingError("not an RSS or Atom feed: XML error at line \(parser.lineNumber)")
        }
        return reader.arrivals
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                       qualifiedName: String?, attributes: [String: String] = [:]) {
        text = ""
        switch name {
        case "item", "entry": entry = [:]
        case "author": inAuthor = true
        case "link" where entry != nil:
            if let href = attributes["href"], (attributes["rel"] ?? "alternate") == "alternate" { entry?["link"] = href }
        case "thr:in-reply-to" where entry != nil:
            if let ref = attributes["ref"] { entry?["parent"] = ref }
        default: break
        }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    public func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "rss" || name == "feed" { complete = true }
        defer { text = "" }
        guard entry != nil else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "author":
            inAuthor = false
            if entry?["author"] == nil, !value.isEmpty { entry?["author"] = value }
        case "name" where inAuthor, "dc:creator": entry?["author"] = value
        case "guid", "id": entry?["id"] = value
        case "link" where !value.isEmpty: entry?["link"] = value
        case "pubDate", "published", "dc:date": entry?["date"] = value
        case "updated" where entry?["date"] == nil: entry?["date"] = value
        case "content:encoded", "content": entry?["html"] = text
        case "description" where entry?["html"] == nil, "summary" where entry?["html"] == nil: entry?["html"] = text
        case "title": entry?["title"] = value
        case "item", "entry":
            if let e = entry { finish(e) }
            entry = nil
        default: break
        }
    }

    private func finish(_ e: [String: String]) {
        guard let id = e["id"] ?? e["link"], !id.isEmpty else { return }
        let body = HTMLText.plain(e["html"] ?? "")
        let text = body.isEmpty ? HTMLText.decodeEntities(e["title"] ?? "") : body
        let author = HTMLText.decodeEntities(e["author"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let date = e["date"].flatMap { PlatformDate.rfc822($0) ?? PlatformDate.iso($0) } ?? Date(timeIntervalSince1970: 0)
        arrivals.append(Arrival(
            channel: channel, platformID: id, handle: author.isEmpty ? "Anonymous" : author,
            name: author.isEmpty ? "Anonymous" : author, text: text, at: date, inReplyTo: e["parent"], url: e["link"]))
    }
}
