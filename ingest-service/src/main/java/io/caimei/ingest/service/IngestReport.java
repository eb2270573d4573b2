package io.caimei.ingest.service;

import java.util.List;

/** What became of a batch: how many were accepted or duplicates, and each rejection by index. */
public record IngestReport(int accepted, int duplicates, int attributed, List<Rejection> rejected) {

    /** One rejected record: its 0-based index in the batch and the precise reason. */
    public record Rejection(int index, String reason) {
    }
}
