package io.caimei.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal RESP2 client: single calls and pipelines, enough to seed, measure and clean up scratch keys. */
public final class Resp implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public Resp(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(120_000);
        socket.setTcpNoDelay(true);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    }

    /** A Redis error reply. */
    public static final class RedisError extends RuntimeException {
        RedisError(String message) {
            super(message);
        }
    }

    public Object call(String... args) throws IOException {
        write(args);
        out.flush();
        return read();
    }

    /** Sends every command, then reads every reply (in chunks so neither side's buffers block). */
    public List<Object> pipeline(List<String[]> commands) throws IOException {
        List<Object> replies = new ArrayList<>(commands.size());
        int chunk = 1000;
        for (int from = 0; from < commands.size(); from += chunk) {
            int to = Math.min(commands.size(), from + chunk);
            for (int i = from; i < to; i++) {
                write(commands.get(i));
            }
            out.flush();
            for (int i = from; i < to; i++) {
                replies.add(read());
            }
        }
        return replies;
    }

    /** Value of one field of {@code INFO section}, or null. */
    public String info(String section, String field) throws IOException {
        String text = (String) call("INFO", section);
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).strip();
            }
        }
        return null;
    }

    /** Deletes every key matching a glob pattern with SCAN and UNLINK (never KEYS); returns how many. */
    public long unlinkMatching(String pattern) throws IOException {
        String cursor = "0";
        long n = 0;
        do {
            List<?> r = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "5000");
            cursor = (String) r.get(0);
            List<?> keys = (List<?>) r.get(1);
            if (!keys.isEmpty()) {
                String[] cmd = new String[keys.size() + 1];
                cmd[0] = "UNLINK";
                for (int i = 0; i < keys.size(); i++) {
                    cmd[i + 1] = (String) keys.get(i);
                }
                n += (Long) call(cmd);
            }
        } while (!cursor.equals("0"));
        return n;
    }

    private void write(String[] args) throws IOException {
        out.write('*');
        out.write(Integer.toString(args.length).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            out.write('$');
            out.write(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
            out.write(b);
            out.write('\r');
            out.write('\n');
        }
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("Redis closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RedisError(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(len);
                in.readNBytes(2);
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(len);
                for (int i = 0; i < len; i++) {
                    try {
                        items.add(read());
                    } catch (RedisError e) {
                        items.add(e);
                    }
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            b.write(c);
        }
        in.read();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
