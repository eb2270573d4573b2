package io.caimei.common.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyWalkTest {

    @Test
    void theWalkVisitsEveryMasterThatHasNotFailedAndNoReplica() {
        String nodes = String.join("\n",
                "07c3 127.0.20.31:6379@16379 myself,master - 0 0 1 connected 0-5460",
                "67ed 127.0.20.32:6379@16379,redis-1 master - 0 1426238317239 2 connected 5461-10922",
                "292f 127.0.20.33:6379@16379 master - 0 1426238318243 3 connected 10923-16383",
                "824f 127.0.20.34:6379@16379 slave 07c3 0 1426238316232 1 connected",
                "e7d1 127.0.20.35:6379@16379 master,fail - 1426238316232 0 0 disconnected", "");
        assertEquals(List.of("127.0.20.31:6379", "127.0.20.32:6379", "127.0.20.33:6379"), KeyWalk.mastersOf(nodes));
    }
}
