package io.caimei.gateway.mapping;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON the gateway relays, described for the OpenAPI document only: the gateway passes the backends' bytes on
 * unchanged, so these records mirror ranking's, scoring's and ingest's answers and are never serialized.
 */
public final class ApiSchemas {

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
            @Schema(example = "music") String boardId,
            @Schema(example = "彩铃音乐榜") String boardName,
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
            @Schema(example = "music") String boardId,
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
            @Schema(description = "per node: label (Chinese), labelEn, parent (C1 for D1 ...), contribution")
            Map<String, Object> nodes,
            double s,
            @Schema(example = "273.5671") double index) {
    }

    /** Candidate weights for a simulation; codes not given come from the board profile's active version. */
    @Schema(name = "SimulationRequest")
    public record SimulationRequest(
            @Schema(description = "some or all of C1, C2, D1..D4, E1..E13; non-negative decimals",
                    example = "{\"E1\": 0.3, \"E2\": 0.2}") Map<String, Double> weights,
            @Schema(description = "how many placings to return", example = "20") Integer limit) {
    }

    /** One entity's simulated placing beside its live one. */
    @Schema(name = "Placing")
    public record Placing(int rank, String entityId, String name, double score, int currentRank,
            double currentScore,
            @Schema(description = "> 0: it would rise") int rankChange,
            @Schema(example = "UP 2", description = "UP n, DOWN n, SAME, or NEW when not ranked live")
            String movement) {
    }

    /** A board's period re-ranked under candidate weights. */
    @Schema(name = "Simulation")
    public record Simulation(
            @Schema(example = "music") String boardId,
            @Schema(example = "2024-W19") String period,
            int total,
            @Schema(description = "all 19 weights used") Map<String, Double> weights,
            @Schema(description = "the codes the request gave; the rest came from the active profile")
            List<String> given,
            List<Placing> entries) {
    }

    /** One stored version of a weight profile. */
    @Schema(name = "ProfileVersion")
    public record ProfileVersion(
            @Schema(example = "standard") String name,
            @Schema(example = "2") int version,
            @Schema(enumeration = { "DRAFT", "ACTIVE", "RETIRED" }) String status,
            @Schema(description = "C1, C2, D1..D4, E1..E13, printed as entered") Map<String, Double> weights,
            String createdBy, String createdAt, String activatedBy, String activatedAt) {
    }

    /** A candidate profile version. */
    @Schema(name = "ProfileDraft")
    public record ProfileDraft(
            @Schema(example = "standard") String name,
            @Schema(description = "a weight for every node C1, C2, D1..D4, E1..E13") Map<String, Double> weights) {
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
