import EarshotCore
import EarshotStore
import Foundation

/// An image of a post, read for upload: its bytes, type and alt text.
struct ImageFile {
    var data: Data
    var mime: String
    var name: String
    var alt: String

    /// Platforms whose image upload Earshot speaks; elsewhere a post with images waits.
    static let platforms: Set<Platform> = [.mastodon, .bluesky]

    /// A path is read as given, or under the store's directory when relative. Images
    /// by URL are not fetched: the platform must get the bytes the officers approved.
    static func load(_ post: OutboxPost, root: URL) throws -> [ImageFile] {
        try post.images.map { image in
            if image.source.hasPrefix("http://") || image.source.hasPrefix("https://") {
                throw DeliveryRejected(description: "image \(image.source) is a web address; deliver uploads files only: attach the file")
            }
            let url = image.source.hasPrefix("/") ? URL(fileURLWithPath: image.source) : root.appendingPathComponent(image.source)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DeliveryRejected(description: "image \(image.source) cannot be read at \(url.path)")
            }
            let ext = url.pathExtension.lowercased()
            let mime = ["jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"][ext]
            guard let mime else { throw DeliveryRejected(description: "image \(image.source) is not a JPEG, PNG, GIF or WebP file") }
            return ImageFile(data: data, mime: mime, name: url.lastPathComponent, alt: image.altText ?? "")
        }
    }

    /// multipart/form-data with the file and its description (Mastodon's media upload).
    func multipart(boundary: String) -> Data {
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n\(alt)\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name.replacingOccurrences(of: "\"", with: ""))\"\r\nContent-Type: \(mime)\r\n\r\n")
        body.append(data)
        add("\r\n--\(boundary)--\r\n")
        return body
    }
}
