/**
 * Pure mapping of upstream records to {@link io.caimei.events.CanonicalEvent}s (design sections 3 and 6).
 *
 * <p>No CDI, no Quarkus: every class here is immutable and thread-safe once constructed, so the service
 * can hold one instance of each in an application-scoped bean. Entry point: {@link NativeFormats}.
 *
 * <h2>Results and indexes</h2>
 * A body yields one {@link RecordResult} per record, ordered by {@link RecordResult#index()}; a bad record is
 * {@linkplain RecordResult#rejected rejected} with a reason {@code CODE: detail} and the others are still
 * accepted. A body with no record at all throws {@link ParseException}. The index is:
 * <ul>
 *   <li>CDR text: the 0-based line number in the body, counting every line (blank and {@code #} comment
 *       lines too, though they yield no result), so a client can go straight to the line;</li>
 *   <li>a JSON array: the 0-based position of the element;</li>
 *   <li>a body that is exactly one JSON object (even pretty-printed over several lines): 0;</li>
 *   <li>NDJSON: the 0-based line number, counting blank lines, as for CDR text.</li>
 * </ul>
 *
 * <h2>Personal data</h2>
 * Phone numbers become {@code u:<hex HMAC-SHA256>} user keys ({@link UserKeys}); no reason, exception
 * message or {@code toString} here ever contains a raw field value that might be a phone number.
 */
package io.caimei.ingest.mapping;
