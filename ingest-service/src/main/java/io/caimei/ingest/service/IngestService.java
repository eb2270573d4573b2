package io.caimei.ingest.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.caimei.events.CanonicalEvent;
import io.caimei.ingest.mapping.RecordResult;
import io.caimei.ingest.repository.DedupeRepository;
import io.caimei.ingest.repository.SourceEventId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Dedupes validated records, attributes them and hands them to Kafka durably. */
@ApplicationScoped
public class IngestService {

    private final DedupeRepository dedupe;
    private final AttributionService attribution;
    private final EventProducer producer;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter duplicates;
    private final Counter resent;

    public IngestService(DedupeRepository dedupe, AttributionService attribution, EventProducer producer,
            MeterRegistry metrics) {
        this.dedupe = dedupe;
        this.attribution = attribution;
        this.producer = producer;
        this.accepted = Counter.builder("caimei.events.accepted").register(metrics);
        this.rejected = Counter.builder("caimei.events.rejected").register(metrics);
        this.duplicates = Counter.builder("caimei.events.duplicate").register(metrics);
        this.resent = Counter.builder("caimei.events.resent")
                .description("records sent again because an earlier attempt never confirmed").register(metrics);
    }

    /**
     * Returns only after every accepted record is acknowledged by Kafka; throws if any is not. A record left
     * pending by an earlier failed or crashed request is sent again rather than reported as a duplicate, because
     * it may never have reached Kafka.
     */
    public IngestReport ingest(List<RecordResult> results) {
        List<IngestReport.Rejection> rejections = new ArrayList<>();
        List<CanonicalEvent> valid = new ArrayList<>();
        for (RecordResult r : results) {
            if (r.isAccepted()) {
                valid.add(r.event());
            } else {
                rejections.add(new IngestReport.Rejection(r.index(), r.reason()));
            }
        }
        List<SourceEventId> pairs = valid.stream()
                .map(e -> new SourceEventId(e.source(), e.eventId(), e.occurredAt())).toList();
        DedupeRepository.Claim[] claims = dedupe.reserve(pairs);
        List<CanonicalEvent> toSend = new ArrayList<>();
        List<SourceEventId> reserved = new ArrayList<>();
        int dup = 0;
        int fresher = 0;
        int inDoubt = 0;
        for (int i = 0; i < valid.size(); i++) {
            if (claims[i] != DedupeRepository.Claim.DUPLICATE) {
                fresher++;
                inDoubt += claims[i] == DedupeRepository.Claim.IN_DOUBT ? 1 : 0;
                reserved.add(pairs.get(i));
                toSend.addAll(attribution.fanOut(valid.get(i)));
            } else {
                dup++;
            }
        }
        try {
            producer.sendAll(toSend);
        } catch (RuntimeException e) {
            dedupe.release(reserved);
            throw e;
        }
        // the events are durable now; if this fails the request fails, and the retry is deduped by the scorer
        dedupe.confirm(reserved);
        accepted.increment(fresher);
        duplicates.increment(dup);
        resent.increment(inDoubt);
        rejected.increment(rejections.size());
        return new IngestReport(fresher, dup, toSend.size() - fresher, rejections);
    }
}
