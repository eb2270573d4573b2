package io.caimei.deploy;

import static io.caimei.deploy.Manifests.list;
import static io.caimei.deploy.Manifests.map;
import static io.caimei.deploy.Manifests.named;
import static io.caimei.deploy.Manifests.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The cluster's KeycloakRealmImport carries the same realm as the local one, without its passwords and secrets. */
class KeycloakRealmTest {

    private static final Path LOCAL_REALM = Manifests.repoRoot().resolve("infra/keycloak/caimei-realm.json");

    private static Map<String, Object> clusterImport() {
        return named(Manifests.readYamlDocuments(Manifests.k8sDir().resolve("41-keycloak-realm.yaml")),
                "KeycloakRealmImport", "caimei-realm");
    }

    private static Map<String, Object> clusterRealm() {
        return map(clusterImport(), "spec.realm");
    }

    private static Map<String, Object> localRealm() throws IOException {
        Assumptions.assumeTrue(Files.exists(LOCAL_REALM), "no local realm file " + LOCAL_REALM);
        return new ObjectMapper().readValue(LOCAL_REALM.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byKey(List<Object> items, String key) {
        return items.stream().map(i -> (Map<String, Object>) i)
                .collect(Collectors.toMap(i -> String.valueOf(i.get(key)), i -> i, (a, b) -> a, TreeMap::new));
    }

    @Test
    void clusterRealmImportTargetsTheOperatorManagedKeycloak() {
        Map<String, Object> realmImport = clusterImport();
        assertEquals("k8s.keycloak.org/v2alpha1", realmImport.get("apiVersion"));
        String keycloak = str(realmImport, "spec.keycloakCRName");
        assertEquals("caimei-keycloak", keycloak);
        assertNotNull(named(Manifests.readYamlDocuments(Manifests.k8sDir().resolve("40-keycloak.yaml")), "Keycloak", keycloak));
        assertEquals("caimei", str(clusterRealm(), "realm"));
        assertEquals(List.of("advertiser", "analyst", "admin", "ingest"),
                list(clusterRealm(), "roles.realm").stream().map(r -> str(r, "name")).toList(), "the roles of DESIGN.md 8");
    }

    @Test
    void clusterRealmHasTheSameRealmRolesClientsAndMappersAsTheLocalRealm() throws IOException {
        Map<String, Object> local = localRealm();
        Map<String, Object> cluster = clusterRealm();
        assertEquals(local.get("realm"), cluster.get("realm"));
        assertEquals(byKey(list(local, "roles.realm"), "name"), byKey(list(cluster, "roles.realm"), "name"));
        Map<String, Map<String, Object>> localClients = byKey(list(local, "clients"), "clientId");
        Map<String, Map<String, Object>> clusterClients = byKey(list(cluster, "clients"), "clientId");
        assertEquals(localClients.keySet(), clusterClients.keySet(), "client ids");
        for (String clientId : localClients.keySet()) {
            Map<String, Object> l = localClients.get(clientId);
            Map<String, Object> c = clusterClients.get(clientId);
            for (String field : List.of("protocol", "publicClient", "clientAuthenticatorType", "standardFlowEnabled",
                    "serviceAccountsEnabled", "implicitFlowEnabled", "fullScopeAllowed", "protocolMappers",
                    "frontchannelLogout")) {
                assertEquals(l.get(field), c.get(field), clientId + "." + field);
            }
        }
        // Service-account users carry the roles of client-credentials clients (caimei-channels → ingest).
        Map<String, Map<String, Object>> localServiceAccounts = byKey(list(local, "users").stream()
                .filter(u -> str(u, "serviceAccountClientId") != null).toList(), "username");
        assertEquals(localServiceAccounts, byKey(list(cluster, "users"), "username"));
        assertEquals(local.get("components"), cluster.get("components"), "user profile (advertiser_id attribute)");
        for (String setting : List.of("enabled", "accessTokenLifespan", "registrationAllowed", "loginWithEmailAllowed",
                "duplicateEmailsAllowed")) {
            assertEquals(local.get(setting), cluster.get(setting), setting);
        }
    }

    @Test
    void clusterRealmImportHoldsNoPasswordsAndNoClientSecrets() throws IOException {
        Map<String, Object> cluster = clusterRealm();
        for (Object user : list(cluster, "users")) {
            assertTrue(list(user, "credentials").isEmpty(), "user " + str(user, "username") + " has credentials");
            assertNotNull(str(user, "serviceAccountClientId"), "only service-account users are imported");
        }
        Map<String, Object> placeholders = map(clusterImport(), "spec.placeholders");
        for (Object client : list(cluster, "clients")) {
            String secret = str(client, "secret");
            if (secret != null) {
                assertTrue(secret.matches("\\$\\{[A-Z_]+}"), str(client, "clientId") + " secret must be a placeholder");
                Map<String, Object> source = map(placeholders, secret.substring(2, secret.length() - 1) + ".secret");
                assertFalse(source.isEmpty(), "placeholder " + secret + " is filled from a Secret");
            }
        }
        assertEquals("caimei-oidc", str(placeholders, "GATEWAY_CLIENT_SECRET.secret.name"));
        Map<String, Object> values = Manifests.values(null);
        assertEquals(str(values, "oidc.existingSecret"), str(placeholders, "GATEWAY_CLIENT_SECRET.secret.name"),
                "Keycloak and the gateway read the client secret from the same Secret");
        assertEquals(str(values, "oidc.clientSecretKey"), str(placeholders, "GATEWAY_CLIENT_SECRET.secret.key"));
        assertEquals(str(values, "oidc.clientId"), "caimei-gateway");
        if (Files.exists(LOCAL_REALM)) {
            String text = Files.readString(Manifests.k8sDir().resolve("41-keycloak-realm.yaml"));
            Map<String, Object> local = localRealm();
            for (Object client : list(local, "clients")) {
                String localSecret = str(client, "secret");
                if (localSecret != null) {
                    assertFalse(text.contains(localSecret), "local dev secret of " + str(client, "clientId") + " copied");
                }
            }
            for (Object user : list(local, "users")) {
                for (Object credential : list(user, "credentials")) {
                    String value = str(credential, "value");
                    if (value != null && value.length() > 3) {
                        assertFalse(text.contains("value: " + value), "a local password was copied");
                    }
                }
            }
        }
        assertEquals("external", str(cluster, "sslRequired"));
    }

    @Test
    void swaggerUiSignsInWithAPublicPkceClientWhoseTokensTheGatewayAccepts() throws IOException {
        String host = str(Manifests.values(Manifests.productionValues()), "ingress.host");
        Map<String, Map<String, Object>> clients = byKey(list(clusterRealm(), "clients"), "clientId");
        Map<String, Object> docs = clients.get("caimei-api-docs");
        assertNotNull(docs, "the Swagger UI client is in the cluster realm");
        assertEquals(true, docs.get("publicClient"), "a browser page keeps no secret");
        assertEquals(null, docs.get("secret"));
        assertEquals("S256", map(docs, "attributes").get("pkce.code.challenge.method"));
        assertEquals(List.of("https://" + host + "/swagger-ui/oauth2-redirect.html"), list(docs, "redirectUris"));
        assertEquals(List.of("https://" + host), list(docs, "webOrigins"));
        assertEquals(clients.get("caimei-gateway").get("protocolMappers"), docs.get("protocolMappers"),
                "its tokens carry the caimei-gateway audience and advertiser_id as the gateway's do");
        Map<String, Map<String, Object>> local = byKey(list(localRealm(), "clients"), "clientId");
        assertEquals("S256", map(local.get("caimei-api-docs"), "attributes").get("pkce.code.challenge.method"));
        assertTrue(list(local.get("caimei-api-docs"), "redirectUris")
                .contains("http://127.0.0.1:8080/swagger-ui/oauth2-redirect.html"));
    }

    @Test
    void keycloakEndsDashboardSessionsThroughTheGatewaysServiceInTheCluster() {
        Map<String, Object> gateway = byKey(list(clusterRealm(), "clients"), "clientId").get("caimei-gateway");
        Map<String, Object> attributes = map(gateway, "attributes");
        String namespace = str(clusterImport(), "metadata.namespace");
        // the chart names Services <release>-<service>; the README installs release caimei into namespace caimei
        assertEquals("http://caimei-gateway." + namespace + ".svc:8080/back-channel-logout",
                attributes.get("backchannel.logout.url"));
        assertEquals("true", attributes.get("backchannel.logout.session.required"));
        assertEquals(false, gateway.get("frontchannelLogout"));
    }
}
