package io.caimei.events;

/** The two account kinds: 订阅号 and 视彩号. */
public enum AccountKind {
    SUBSCRIPTION,
    SHICAI
}
