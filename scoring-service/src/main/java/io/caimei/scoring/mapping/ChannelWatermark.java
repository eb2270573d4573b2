package io.caimei.scoring.mapping;

import io.caimei.events.Channel;

/** One channel's progress: its latest accepted event time, its own watermark, and whether it is idle. */
public record ChannelWatermark(Channel channel, String latestEvent, String watermark, boolean idle) {
}
