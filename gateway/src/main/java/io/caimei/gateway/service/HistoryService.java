package io.caimei.gateway.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.caimei.common.rest.Problem;
import io.caimei.events.Period;
import io.caimei.gateway.client.BackendAnswerException;
import io.caimei.gateway.client.Backends;
import io.caimei.gateway.mapping.BoardPeriod;
import io.caimei.gateway.mapping.RankPoint;
import io.caimei.gateway.mapping.RankedPage;

/**
 * An entity's rank history on a board, for the public route and the dashboard alike: its rank in the board's most
 * recent periods of the asked period's granularity, up to and including the asked one, oldest first.
 */
@ApplicationScoped
public class HistoryService {

    /** How many periods of one granularity the rank history looks back at most. */
    public static final int MAX_PERIODS = 12;
    /** How many it looks back when the caller does not say. */
    public static final int DEFAULT_PERIODS = 8;

    private final Backends backends;
    private final Caller caller;
    private final ObjectMapper json;

    public HistoryService(Backends backends, Caller caller, ObjectMapper json) {
        this.backends = backends;
        this.caller = caller;
        this.json = json;
    }

    /**
     * {@code [{period, closed, rank, score}]}, rank and score null where unranked. A bad count is a 400 problem; a
     * backend's refusal (unknown board: 404) reaches the caller unchanged as {@link BackendAnswerException}.
     */
    public List<RankPoint> history(String board, Period asked, String entity, Integer count) {
        int n = count == null ? DEFAULT_PERIODS : count;
        if (n < 1 || n > MAX_PERIODS) {
            throw new Problem(400, "bad-paging", "Bad paging", "periods must be between 1 and " + MAX_PERIODS);
        }
        String bearer = caller.bearer();
        List<BoardPeriod> periods;
        try (Response r = backends.rankingRead(c -> c.periods(bearer, board))) {
            if (r.getStatus() != 200) {
                throw BackendAnswerException.of(r);
            }
            periods = read(r, new TypeReference<List<BoardPeriod>>() {
            });
        }
        // newest first, so the first n are the most recent periods of the asked kind up to the asked one
        Map<Period, Boolean> chosen = new TreeMap<>(Comparator.reverseOrder());
        for (BoardPeriod listed : periods) {
            Period.parse(listed.period()).filter(p -> p.kind() == asked.kind() && p.compareTo(asked) <= 0)
                    .ifPresent(p -> chosen.put(p, listed.closed()));
        }
        chosen.putIfAbsent(asked, false);
        List<RankPoint> out = new ArrayList<>();
        for (Map.Entry<Period, Boolean> e : chosen.entrySet()) {
            if (out.size() == n) {
                break;
            }
            out.add(point(bearer, board, e.getKey().id(), e.getValue(), entity));
        }
        Collections.reverse(out);
        return out;
    }

    private RankPoint point(String bearer, String board, String period, boolean closed, String entity) {
        try (Response r = backends.rankingRead(c -> c.around(bearer, board, period, entity, 0))) {
            if (r.getStatus() == 200) {
                for (RankedPage.Ranked entry : read(r, new TypeReference<RankedPage>() {
                }).entries()) {
                    if (entity.equals(entry.entityId())) {
                        return new RankPoint(period, closed, entry.rank(), entry.score());
                    }
                }
            } else if (r.getStatus() != 404) {
                throw BackendAnswerException.of(r);
            }
        }
        // 404: not ranked in that period
        return new RankPoint(period, closed, null, null);
    }

    private <T> T read(Response r, TypeReference<T> type) {
        try {
            return json.readValue(r.readEntity(byte[].class), type);
        } catch (IOException e) {
            throw new Problem(503, "backend-unavailable", "Service temporarily unavailable",
                    "a backend answered with an unreadable body; retry shortly").retryAfter(5);
        }
    }
}
