package io.caimei.gateway.rest;

import io.caimei.gateway.mapping.ApiSchemas;

/** Parameter descriptions and examples shared by the public routes' OpenAPI annotations. */
final class ApiDocs {

    static final String BOARD = "A board id from GET /api/v1/boards (boards.tsv), e.g. music-propagation";
    static final String PERIOD = "A day (2024-02-14), ISO week (2024-W07), month (2024-02) or year (2024), "
            + "Asia/Shanghai";
    static final String ENTITY = "An entity id: letters, digits, '-', '_', '.', ':' (never a phone number)";
    static final String OFFSET = "How many ranked entries to skip (default 0)";
    static final String LIMIT = "How many entries to return, 1..100 (default 20)";
    static final String IF_NONE_MATCH = "The ETag of a closed period's page seen before: 304 when unchanged";
    static final String PROBLEM = "application/problem+json";
    static final String CSV = "text/csv";

    static final String PAGE_EXAMPLE = "{\"boardId\":\"music-propagation\",\"boardName\":\"彩媒音乐传播榜\","
            + "\"period\":\"2024-W19\",\"closed\":true,\"state\":\"CLOSED\",\"offset\":0,\"limit\":10,\"total\":1284,"
            + "\"entries\":[{\"rank\":1,\"entityId\":\"music-qinghuaci\",\"name\":\"青花瓷\",\"catalogued\":true,"
            + "\"score\":273.5671,\"previousRank\":4,\"movement\":\"UP 3\",\"peakRank\":1,\"periodsOnBoard\":6,"
            + "\"topContributor\":\"content-0001\",\"topContributorName\":\"青花瓷 彩铃版\","
            + "\"topContributorOrders\":812}]}";
    static final String CSV_EXAMPLE = "\uFEFFrank,entityId,name,score,movement,previousRank,peakRank,periodsOnBoard,"
            + "topContributor,topContributorName\r\n1,music-qinghuaci,青花瓷,273.5671,UP 3,4,1,6,content-0001,"
            + "青花瓷 彩铃版\r\n";
    static final String SEARCH_EXAMPLE = "{\"boardId\":\"music-propagation\",\"period\":\"2024-W19\",\"query\":\"青花\","
            + "\"total\":1,\"entries\":[{\"rank\":1,\"entityId\":\"music-qinghuaci\",\"name\":\"青花瓷\","
            + "\"catalogued\":true,\"score\":273.5671,\"previousRank\":4,\"movement\":\"UP 3\",\"peakRank\":1,"
            + "\"periodsOnBoard\":6}]}";
    static final String HISTORY_EXAMPLE = "[{\"period\":\"2024-W18\",\"closed\":true,\"rank\":4,\"score\":250.1},"
            + "{\"period\":\"2024-W19\",\"closed\":true,\"rank\":1,\"score\":273.5671}]";
    /** E1 and E2 are the whole of D1's children, so the completed profile still sums to 1 under D1. */
    static final String SIMULATE_REQUEST_EXAMPLE = "{\"weights\":{\"E1\":0.3,\"E2\":0.7},\"limit\":20}";
    static final String SIMULATION_EXAMPLE = "{\"boardId\":\"music-propagation\",\"period\":\"2024-W19\","
            + "\"profile\":\"standard\",\"profileVersion\":1,\"weights\":" + ApiSchemas.WEIGHTS_EXAMPLE + ","
            + "\"given\":[\"E1\",\"E2\"],\"total\":1284,\"entries\":["
            + "{\"rank\":1,\"entityId\":\"music-qinghuaci\",\"name\":\"青花瓷\",\"score\":280.2,"
            + "\"currentRank\":1,\"currentScore\":273.5671,\"rankChange\":0,\"movement\":\"SAME\"},"
            + "{\"rank\":2,\"entityId\":\"music-daoxiang\",\"name\":\"稻香\",\"score\":201.4,"
            + "\"currentRank\":4,\"currentScore\":190.2,\"rankChange\":2,\"movement\":\"UP 2\"},"
            + "{\"rank\":3,\"entityId\":\"music-yequ\",\"name\":\"夜曲\",\"score\":199.8,"
            + "\"currentRank\":2,\"currentScore\":230.5,\"rankChange\":-1,\"movement\":\"DOWN 1\"}]}";
    static final String CAMPAIGNS_EXAMPLE = "[{\"entityId\":\"camp-brand-spring\",\"name\":\"春季品牌彩铃\","
            + "\"type\":\"CAMPAIGN\"}]";
    static final String EVENTS_EXAMPLE = "[{\"eventId\":\"e-1\",\"source\":\"migu-app\",\"channel\":\"MIGU_APP\","
            + "\"indicator\":\"E1\",\"entityType\":\"CONTENT\",\"entityId\":\"content-0001\","
            + "\"occurredAt\":\"2024-05-06T10:00:00+08:00\",\"userKey\":\"u-1\",\"delta\":1}]";
    static final String INGEST_EXAMPLE = "{\"accepted\":98,\"duplicates\":1,\"attributed\":97,\"rejected\":"
            + "[{\"index\":4,\"reason\":\"bad-entity-id\"}]}";

    private ApiDocs() {
    }
}
