package io.caimei.demo.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoardPreviewTest {

    private static final long[] WORKED = { 0, 1000, 400, 50, 10, 2000, 300, 120, 40, 60, 25, 0, 0, 0 };

    @Test
    void theDesignWorkedExampleGivesTheDocumentedIndexUnderEveryProfile() {
        assertEquals(210.1421, BoardPreview.index(BoardPreview.weights("standard"), WORKED), 5e-5);
        assertEquals(57.2189, BoardPreview.index(BoardPreview.weights("creation"), WORKED), 5e-5);
        assertEquals(273.5671, BoardPreview.index(BoardPreview.weights("promotion"), WORKED), 5e-5);
    }
}
