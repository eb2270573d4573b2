package io.caimei.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.caimei.events.EntityType;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Scoring follows the boards' one definition: each type's profile comes from boards.tsv, and a change re-scores. */
@QuarkusTest
class BoardProfilesTest {

    @Inject
    ProfileService profiles;

    @Inject
    ProfileRegistry registry;

    @Inject
    Pool pool;

    @Test
    void eachEntityTypeIsScoredWithTheProfileItsBoardsName() {
        assertEquals("creation", registry.forType(EntityType.AI_APP).name());
        assertEquals("promotion", registry.forType(EntityType.CAMPAIGN).name());
        assertEquals("standard", registry.forType(EntityType.MUSIC).name());
    }

    @Test
    void aTypeWhoseBoardsNowNameAnotherProfileIsRescoredOnceAtStart() {
        // as if the AI apps board had named "standard" when this scorer last started
        pool.preparedQuery("UPDATE scored_profile SET profile = 'standard' WHERE entity_type = $1")
                .execute(Tuple.of(EntityType.AI_APP.name())).await().atMost(Duration.ofSeconds(5));
        assertEquals(Set.of(EntityType.AI_APP), profiles.followBoards());
        assertEquals(Set.of(), profiles.followBoards(), "the change is recorded: the next start re-scores nothing");
    }
}
