/// A place the library talks to its public. The raw value is what the store writes.
public enum Channel: String, Codable, CaseIterable, Sendable, Comparable {
    case x, facebook, mastodon, bluesky, flickr, blog

    public var displayName: String {
        switch self {
        case .x: "X"
        case .facebook: "Facebook"
        case .mastodon: "Mastodon"
        case .bluesky: "Bluesky"
        case .flickr: "Flickr"
        case .blog: "Blog"
        }
    }

    /// Short label for narrow list columns.
    public var shortName: String {
        switch self {
        case .x: "X"
        case .facebook: "FB"
        case .mastodon: "Mast"
        case .bluesky: "Bsky"
        case .flickr: "Flkr"
        case .blog: "Blog"
        }
    }

    /// The platform's text limit for a post, counted as `PostLength` counts it; nil when unlimited.
    public var textLimit: Int? {
        switch self {
        case .x: 280
        case .facebook: 63_206
        case .mastodon: 500
        case .bluesky: 300
        case .flickr: 4_096
        case .blog: nil
        }
    }

    public static func < (a: Channel, b: Channel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
