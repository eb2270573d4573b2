package io.caimei.gateway.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON the gateway relays, described for the OpenAPI document only: the gateway passes the backends' bytes on
 * unchanged, so these records mirror ranking's, scoring's and ingest's answers and are never serialized. Weights are
 * decimals ({@link BigDecimal}): they are kept and printed as entered (0.3, never 0.30000000000000004).
 */
public final class ApiSchemas {

    /** The standard profile with E1 0.3 and E2 0.7 given, in tree order: what a simulation answer names. */
    public static final String WEIGHTS_EXAMPLE = "{\"C1\":0.5,\"C2\":0.5,\"D1\":0.6,\"D2\":0.4,\"D3\":0.7,\"D4\":0.3,"
            + "\"E1\":0.3,\"E2\":0.7,\"E3\":0.7,\"E4\":0.3,\"E5\":0.35,\"E6\":0.15,\"E7\":0.2,\"E8\":0.1,"
            + "\"E9\":0.1,\"E10\":0.1,\"E11\":0.4,\"E12\":0.35,\"E13\":0.25}";
    /** Three of an explanation's 19 nodes, one per level. */
    static final String NODES_EXAMPLE = "{\"C1\":{\"code\":\"C1\",\"level\":\"C\",\"parent\":null,"
            + "\"label\":\"通信网因子\",\"labelEn\":\"Telecom network\",\"weight\":0.5,\"contribution\":3.9412},"
            + "\"D1\":{\"code\":\"D1\",\"level\":\"D\",\"parent\":\"C1\",\"label\":\"曝光因子\","
            + "\"labelEn\":\"Exposure\",\"weight\":0.6,\"contribution\":2.7003},"
            + "\"E1\":{\"code\":\"E1\",\"level\":\"E\",\"parent\":\"D1\",\"label\":\"曝光次数\","
            + "\"labelEn\":\"Exposures\",\"weight\":0.5,\"contribution\":1.4127}}";

    private ApiSchemas() {
    }

    /** An RFC 9457 problem, as every error answers. */
    @Schema(name = "Problem", description = "RFC 9457 application/problem+json")
    public record ProblemBody(
            @Schema(example = "https://caimei.io/problems/bad-period") String type,
            @Schema(example = "Bad period") String title,
            @Schema(example = "400") int status,
            @Schema(example = "period must be a day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024)")
            String detail) {
    }

    /** One of a board's periods. */
    @Schema(name = "BoardPeriod")
    public record PeriodItem(
            @Schema(example = "2024-W19") String period,
            @Schema(enumeration = { "DAY", "WEEK", "MONTH", "YEAR" }, example = "WEEK") String granularity,
            @Schema(description = "frozen: ranks no longer change") boolean closed,
            @Schema(enumeration = { "OPEN", "CLOSED", "EMPTY" },
                    description = "OPEN still takes scores, CLOSED is frozen, EMPTY ended with nothing ranked")
            String state) {
    }

    /** One ranked entity of a page, a search or an around-me answer. */
    @Schema(name = "Entry")
    public record EntryItem(
            @Schema(example = "1", description = "competition rank (ties share a rank)") int rank,
            @Schema(example = "music-qinghuaci") String entityId,
            @Schema(example = "青花瓷") String name,
            boolean catalogued,
            @Schema(example = "273.5671") double score,
            @Schema(nullable = true, description = "final rank in the previous period, null if unranked")
            Integer previousRank,
            @Schema(example = "UP 3", description = "UP n, DOWN n or SAME for an entry on the shown chart last "
                    + "period; else RE_ENTRY (on it earlier) or NEW") String movement,
            @Schema(nullable = true, description = "best chart rank, the current one included") Integer peakRank,
            @Schema(description = "chart appearances, the current period included when on the chart")
            int periodsOnBoard,
            @Schema(nullable = true, description = "boards with top contributors: the CONTENT that brought most")
            String topContributor,
            @Schema(nullable = true) String topContributorName,
            @Schema(nullable = true) Long topContributorOrders) {
    }

    /** A page of a board in a period. */
    @Schema(name = "BoardPage")
    public record BoardPage(
            @Schema(example = "music-propagation") String boardId,
            @Schema(example = "彩媒音乐传播榜") String boardName,
            @Schema(example = "2024-W19") String period,
            boolean closed,
            @Schema(enumeration = { "OPEN", "CLOSED", "EMPTY" }) String state,
            @Schema(example = "0") int offset,
            @Schema(example = "20") int limit,
            @Schema(description = "every ranked entity of the board-period", example = "1284") long total,
            List<EntryItem> entries) {
    }

    /** Ranked entities whose name or id contains the query. */
    @Schema(name = "SearchResult")
    public record SearchResult(
            @Schema(example = "music-propagation") String boardId,
            @Schema(example = "2024-W19") String period,
            @Schema(example = "青花") String query,
            @Schema(description = "how many matched (entries holds at most limit)") int total,
            List<EntryItem> entries) {
    }

    /** A campaign of the caller's advertiser. */
    @Schema(name = "OwnCampaign")
    public record OwnCampaign(
            @Schema(example = "camp-brand-spring") String entityId,
            @Schema(example = "春季品牌彩铃") String name,
            @Schema(example = "CAMPAIGN") String type) {
    }

    /** Raw indicators and every node's contribution for one entity and period. */
    @Schema(name = "Explanation")
    public record Explanation(
            @Schema(example = "music-qinghuaci") String entityId,
            @Schema(example = "2024-W19") String period,
            @Schema(example = "standard") String profile,
            @Schema(example = "1") int profileVersion,
            @Schema(description = "raw indicator values E1..E13") Map<String, Long> raw,
            @Schema(description = "each C, D and E node's share of S") Map<String, Double> contributions,
            @Schema(description = "all 19 nodes C1, C2, D1..D4, E1..E13 by code, in tree order, with their labels, "
                    + "parent, weight and contribution: the tree to draw", example = NODES_EXAMPLE)
            Map<String, ExplanationNode> nodes,
            double s,
            @Schema(example = "273.5671") double index) {
    }

    /** One node of an explanation's C → D → E tree. */
    @Schema(name = "ExplanationNode")
    public record ExplanationNode(
            @Schema(example = "D1") String code,
            @Schema(enumeration = { "C", "D", "E" }, example = "D") String level,
            @Schema(nullable = true, example = "C1", description = "the node above; null for C1 and C2, which hang "
                    + "from the index") String parent,
            @Schema(example = "曝光因子", description = "Chinese name, as in the 2024 report") String label,
            @Schema(example = "Exposure") String labelEn,
            @Schema(example = "0.6", description = "the node's weight among its siblings in the profile, as entered")
            BigDecimal weight,
            @Schema(example = "2.7003", description = "the node's share of S (its subtree's sum)")
            double contribution) {
    }

    /** Candidate weights for a simulation; codes not given come from the board profile's active version. */
    @Schema(name = "SimulationRequest")
    public record SimulationRequest(
            @Schema(description = "some or all of C1, C2, D1..D4, E1..E13 as non-negative decimals; the others come "
                    + "from the board profile's active version, and every sibling group must still sum to 1",
                    example = "{\"E1\":0.3,\"E2\":0.7}") Map<String, BigDecimal> weights,
            @Schema(description = "how many placings to return", example = "20") Integer limit) {
    }

    /** One entity's simulated placing beside its live one. */
    @Schema(name = "Placing")
    public record Placing(
            @Schema(example = "2", description = "competition rank under the candidate weights") int rank,
            @Schema(example = "music-daoxiang") String entityId,
            @Schema(example = "稻香") String name,
            @Schema(example = "201.4") double score,
            @Schema(nullable = true, example = "4", description = "live rank; null when not ranked live")
            Integer currentRank,
            @Schema(nullable = true, example = "190.2", description = "live score; null when not ranked live")
            Double currentScore,
            @Schema(nullable = true, example = "2", description = "currentRank − rank: > 0 it would rise, < 0 fall; "
                    + "null when not ranked live") Integer rankChange,
            @Schema(example = "UP 2", description = "the same change as on pages: UP n, DOWN n, SAME, or NEW when "
                    + "not ranked live") String movement) {
    }

    /** A board's period re-ranked under candidate weights. */
    @Schema(name = "Simulation")
    public record Simulation(
            @Schema(example = "music-propagation") String boardId,
            @Schema(example = "2024-W19") String period,
            @Schema(example = "standard", description = "the board's profile, whose active version gave the weights "
                    + "not in the request") String profile,
            @Schema(nullable = true, example = "1", description = "that version; null when the request gave all 19")
            Integer profileVersion,
            @Schema(description = "all 19 weights used, in tree order, printed as entered", example = WEIGHTS_EXAMPLE)
            Map<String, BigDecimal> weights,
            @Schema(description = "the codes the request gave, in tree order; the rest came from the profile",
                    example = "[\"E1\",\"E2\"]") List<String> given,
            @Schema(example = "1284", description = "every simulated entity (entries holds at most limit)") int total,
            List<Placing> entries) {
    }

    /** One stored version of a weight profile. */
    @Schema(name = "ProfileVersion")
    public record ProfileVersion(
            @Schema(example = "standard") String name,
            @Schema(example = "2") int version,
            @Schema(enumeration = { "DRAFT", "ACTIVE", "RETIRED" }) String status,
            @Schema(description = "C1, C2, D1..D4, E1..E13 in tree order, printed as entered",
                    example = WEIGHTS_EXAMPLE) Map<String, BigDecimal> weights,
            String createdBy, String createdAt, String activatedBy, String activatedAt) {
    }

    /** A candidate profile version. */
    @Schema(name = "ProfileDraft")
    public record ProfileDraft(
            @Schema(example = "standard") String name,
            @Schema(description = "a weight for every node C1, C2, D1..D4, E1..E13 as non-negative decimals; each "
                    + "sibling group sums to 1", example = WEIGHTS_EXAMPLE) Map<String, BigDecimal> weights) {
    }

    /** One line of a weight profile's audit trail. */
    @Schema(name = "ProfileAuditEntry")
    public record AuditEntry(int version,
            @Schema(example = "ACTIVATE") String action,
            @Schema(example = "admin") String actor,
            String at,
            Map<String, Object> changes) {
    }

    /** The answer to an activation. */
    @Schema(name = "Activation")
    public record Activation(String name, int version, String status,
            @Schema(description = "entity-periods re-scored") int rescored) {
    }

    /** A catalog entity. */
    @Schema(name = "CatalogEntity")
    public record CatalogEntity(
            @Schema(example = "camp-brand-spring") String id,
            @Schema(enumeration = { "CONTENT", "MUSIC", "ACCOUNT", "AI_APP", "CAMPAIGN" }) String type,
            @Schema(example = "春季品牌彩铃") String name,
            @Schema(nullable = true) String kind,
            @Schema(nullable = true) String category,
            @Schema(nullable = true, description = "owning advertiser (campaigns)") String owner,
            @Schema(nullable = true) String musicId,
            @Schema(nullable = true) String accountId,
            List<String> campaignIds) {
    }

    /** The answer to a bulk catalog import. */
    @Schema(name = "CatalogImport")
    public record CatalogImport(@Schema(example = "120") int saved) {
    }

    /** The answer to closing a period. */
    @Schema(name = "PeriodClose")
    public record PeriodClose(@Schema(example = "2024-W19") String period, boolean closed, boolean alreadyClosed) {
    }

    /** The answer to an accepted batch of events: 202 once the accepted ones are in Kafka. */
    @Schema(name = "IngestReport")
    public record IngestReport(
            @Schema(example = "98") int accepted,
            @Schema(example = "1") int duplicates,
            @Schema(example = "97") int attributed,
            List<Rejection> rejected) {
    }

    /** A record of a batch that was refused and why. */
    @Schema(name = "Rejection")
    public record Rejection(@Schema(example = "4") int index, @Schema(example = "bad-entity-id") String reason) {
    }
}
