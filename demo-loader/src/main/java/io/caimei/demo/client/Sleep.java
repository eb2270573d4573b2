package io.caimei.demo.client;

/** Sleeping without checked exceptions (restores the interrupt flag). */
final class Sleep {

    private Sleep() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void seconds(long s) {
        millis(s * 1000);
    }
}
