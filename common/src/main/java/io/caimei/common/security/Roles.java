package io.caimei.common.security;

/** The realm roles of the caimei realm (token claim realm_access/roles), as every service checks them. */
public final class Roles {

    /** Reads every board; sees raw values and breakdowns of its own campaigns only. */
    public static final String ADVERTISER = "advertiser";
    /** Internal teams: reads everything, including any entity's breakdown. */
    public static final String ANALYST = "analyst";
    /** Everything an analyst may, plus catalog, profiles and periods. */
    public static final String ADMIN = "admin";
    /** Channel systems and ingest-service's own client-credentials token. */
    public static final String INGEST = "ingest";

    private Roles() {
    }
}
