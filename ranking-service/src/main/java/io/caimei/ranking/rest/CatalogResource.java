package io.caimei.ranking.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.caimei.common.rest.Problem;
import io.caimei.common.security.BreakdownAccess;
import io.caimei.events.EntityIds;
import io.caimei.events.EntityType;
import io.caimei.ranking.mapping.Attribution;
import io.caimei.ranking.mapping.CatalogEntity;
import io.caimei.ranking.mapping.CatalogImport;
import io.caimei.ranking.service.CatalogService;
import io.quarkus.security.identity.SecurityIdentity;

/** Reads and writes the catalog; also gives ingest the attribution links of every content. */
@Path("/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public CatalogResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    /**
     * An entry names a campaign's owner, so an advertiser gets only its own campaigns (the gateway and scoring ask
     * with the advertiser's token to decide on a breakdown); anything else, missing ids included, is the same 403.
     */
    @GET
    @Path("/entities/{id}")
    @RolesAllowed({ "analyst", "admin", "advertiser" })
    public CatalogEntity get(@PathParam("id") String id) {
        boolean internal = BreakdownAccess.seesEverything(identity);
        if (!internal && BreakdownAccess.advertiserId(identity).isEmpty()) {
            throw BreakdownAccess.notYourCampaign();
        }
        Optional<CatalogEntity> found = catalog.find(id);
        if (!internal) {
            BreakdownAccess.require(identity, found.map(e -> e.type() == null ? null : e.type().name()).orElse(null),
                    found.map(CatalogEntity::owner).orElse(null));
        }
        return found.orElseThrow(() -> new Problem(404, "not-in-catalog", "Not in catalog",
                "no catalog entity '" + (EntityIds.isValid(id) ? id : "?") + "'"));
    }

    @PUT
    @Path("/entities/{id}")
    @RolesAllowed("admin")
    public CatalogEntity put(@PathParam("id") String id, CatalogEntity entity) {
        if (entity == null || !id.equals(entity.id())) {
            throw new Problem(400, "bad-catalog-entity", "Bad catalog entity", "body id must equal the path id");
        }
        List<String> errors = validate(entity, "");
        if (!errors.isEmpty()) {
            throw new Problem(400, "bad-catalog-entity", "Bad catalog entity", String.join("; ", errors));
        }
        catalog.save(List.of(entity));
        return entity;
    }

    @POST
    @Path("/entities")
    @RolesAllowed("admin")
    public CatalogImport bulk(List<CatalogEntity> entities) {
        if (entities == null || entities.isEmpty()) {
            throw new Problem(400, "bad-catalog-entity", "Bad catalog entity", "expected a non-empty JSON array");
        }
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            errors.addAll(validate(entities.get(i), "[" + i + "] "));
        }
        if (!errors.isEmpty()) {
            // a catalog import is all or nothing, so a half-applied import cannot mislink contents
            throw new Problem(400, "bad-catalog-entity", "Bad catalog entity", String.join("; ", errors));
        }
        catalog.save(entities);
        return new CatalogImport(entities.size());
    }

    /** Every content's music, account and campaigns, for attribution at ingest. */
    @GET
    @Path("/attribution")
    @RolesAllowed({ "ingest", "admin" })
    public Attribution attribution() {
        Map<String, List<String>> links = new HashMap<>();
        for (CatalogEntity e : catalog.all()) {
            if (e.type() == EntityType.CONTENT) {
                List<String> targets = new ArrayList<>();
                if (e.musicId() != null) {
                    targets.add("MUSIC:" + e.musicId());
                }
                if (e.accountId() != null) {
                    targets.add("ACCOUNT:" + e.accountId());
                }
                e.campaignIds().forEach(c -> targets.add("CAMPAIGN:" + c));
                if (!targets.isEmpty()) {
                    links.put(e.id(), targets);
                }
            }
        }
        return new Attribution(catalog.version(), links);
    }

    static List<String> validate(CatalogEntity e, String at) {
        List<String> errors = new ArrayList<>();
        if (e == null) {
            errors.add(at + "entity is null");
            return errors;
        }
        EntityIds.refusal(e.id()).ifPresent(why -> errors.add(at + "id " + why));
        if (e.type() == null) {
            errors.add(at + "type is required (CONTENT, MUSIC, ACCOUNT, AI_APP or CAMPAIGN)");
            return errors;
        }
        if (e.name() == null || e.name().isBlank() || e.name().length() > 200) {
            errors.add(at + "name is required, at most 200 characters");
        }
        if ((e.type() == EntityType.ACCOUNT) != (e.kind() != null)) {
            errors.add(at + "kind (SUBSCRIPTION or SHICAI) is required for an ACCOUNT and only for one");
        }
        if ((e.type() == EntityType.CAMPAIGN) != (e.category() != null)) {
            errors.add(at + "category (BRAND, MUSIC or TOURISM) is required for a CAMPAIGN and only for one");
        }
        if (e.type() == EntityType.CAMPAIGN && e.owner() == null) {
            errors.add(at + "owner (the advertiser id) is required for a CAMPAIGN");
        } else if (e.owner() != null) {
            EntityIds.refusal(e.owner()).ifPresent(why -> errors.add(at + "owner " + why));
        }
        boolean links = e.musicId() != null || e.accountId() != null || !e.campaignIds().isEmpty();
        if (links && e.type() != EntityType.CONTENT) {
            errors.add(at + "only a CONTENT links to music, account and campaigns");
        }
        for (String link : linkIds(e)) {
            Optional<String> refused = EntityIds.refusal(link);
            if (refused.isPresent()) {
                errors.add(at + "linked id " + refused.get());
                break;
            }
        }
        return errors;
    }

    private static List<String> linkIds(CatalogEntity e) {
        List<String> ids = new ArrayList<>(e.campaignIds());
        if (e.musicId() != null) {
            ids.add(e.musicId());
        }
        if (e.accountId() != null) {
            ids.add(e.accountId());
        }
        return ids;
    }
}
