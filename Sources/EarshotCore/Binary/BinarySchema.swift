import Foundation

/// What the binary codec knows of the model, checked against the model itself.
///
/// `written` lists, for each type the snapshot cache holds, the stored fields the
/// codec writes (name and type, as reflection shows them). `found` asks reflection
/// what the types hold today. If someone adds a field to `InboxItem` and forgets the
/// codec, the two differ: `isComplete` is false and the store neither reads nor writes
/// its cache (opening falls back to JSON), and `BinarySchemaTests` fails. The
/// fingerprint of `written` and the tag tables goes into every cache file, so a
/// cache written by a build with other types is stale, never misread.
public enum BinarySchema {
    /// Bumped when the layout changes in a way the field list does not show.
    public static let layoutVersion: UInt64 = 1

    static let written = """
    InboxItem{id:String channel:Channel platformID:String author:Author text:String receivedAt:Date inReplyTo:Optional<String> branch:Optional<String> status:ItemStatus tags:Array<String> assignee:Optional<String> notes:Array<InternalNote> fromLibrary:Bool truncated:Optional<Bool> url:Optional<String> version:Int changedBy:Optional<String> changedAt:Optional<Date>}
    Author{handle:String displayName:String}
    InternalNote{by:String at:Date text:String}
    Draft{id:String author:String branch:Optional<String> channels:Array<Channel> revisions:Array<Revision> state:DraftState notes:Array<ReviewNote> createdAt:Date submittedAt:Optional<Date> scheduledFor:Optional<Date> publishedAt:Optional<Date> inReplyTo:Optional<String> approvals:Array<String> outbox:Array<String> images:Array<PostImage> direct:Optional<Bool> copiedFrom:Optional<String> deliveries:Array<Delivery> version:Int changedBy:Optional<String> changedAt:Optional<Date>}
    Revision{number:Int text:String author:String at:Date}
    ReviewNote{by:String at:Date revision:Int verdict:Verdict text:String}
    PostImage{source:String altText:Optional<String>}
    Delivery{channel:Channel state:DeliveryState key:String attempts:Int firstTry:Optional<Date> platformID:Optional<String> url:Optional<String> at:Date reason:Optional<String> willRetry:Optional<Bool> nextTry:Optional<Date> retriedBy:Optional<String>}
    Rollups{inbound:Dictionary<String, Int> handled:Dictionary<String, Int> replies:Dictionary<String, Int> posts:Dictionary<String, Int>}
    Ledger{arrivals:ChunkedArray<Arrival> marks:ChunkedArray<Mark> drafts:Dictionary<String, DraftFacts> index:ShardedTable<Int>}
    Arrival{id:String channel:Channel branch:Optional<String> receivedAt:Date author:String tags:Array<String> firstReplyAt:Optional<Date> closedAt:Optional<Date> escalated:Bool}
    Mark{kind:Kind at:Date subject:String actor:String branch:Optional<String> channels:Array<Channel>}
    DraftFacts{branch:Optional<String> channels:Array<Channel> inReplyTo:Optional<String> direct:Bool published:Bool}
    """

    /// The same list, read from the types by reflection on sample values.
    public static var found: String {
        let at = Date(timeIntervalSinceReferenceDate: 0)
        let item = InboxItem(id: "", channel: .x, platformID: "", author: Author(handle: "", displayName: ""), text: "", receivedAt: at)
        let revision = Revision(number: 1, text: "", author: "", at: at)
        let draft = Draft(id: "", author: "", branch: nil, channels: [], revisions: [revision], createdAt: at)
        let samples: [Any] = [
            item, item.author, InternalNote(by: "", at: at, text: ""), draft, revision,
            ReviewNote(by: "", at: at, revision: 1, verdict: .approved, text: ""), PostImage(source: "", altText: nil),
            Delivery(channel: .x, state: .sending, key: "", at: at), Rollups(), Ledger(),
            Ledger.Arrival(id: "", channel: .x, branch: nil, receivedAt: at, author: "", tags: []),
            Ledger.Mark(kind: .reply, at: at, subject: "", actor: "", branch: nil, channels: []),
            Ledger.DraftFacts(branch: nil, channels: [], inReplyTo: nil, direct: false, published: false),
        ]
        return samples.map { sample in
            let fields = Mirror(reflecting: sample).children.map { "\($0.label ?? "?"):\(type(of: $0.value))" }
            return "\(type(of: sample)){\(fields.joined(separator: " "))}"
        }.joined(separator: "\n")
    }

    /// True when the codec writes every stored field of every type it covers.
    public static let isComplete: Bool = found == written

    /// Names this codec: the field lists, the enum tag tables and the layout version.
    public static let fingerprint: UInt64 = {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: small, fixed, and the same in every process
        for b in "\(layoutVersion)\n\(written)\n\(BinaryTags.description)".utf8 {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h
    }()
}
