package dev.weft.io;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer of the many-connections test, in its own JVM so that its sockets do not count
 * against the test process's open-file limit: opens N connections, sends one byte on each and
 * reads it back, prints {@code READY N}, waits for a line on stdin, closes them all and prints
 * {@code CLOSED}.
 */
public final class ManyConnectionsClient {
    private ManyConnectionsClient() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int n = Integer.parseInt(args[2]);
        List<SocketChannel> open = new ArrayList<>(n);
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open(server);
            open.add(ch);
        }
        for (SocketChannel ch : open) {
            one.clear().put((byte) 'x').flip();
            ch.write(one);
        }
        for (SocketChannel ch : open) {
            one.clear();
            if (ch.read(one) != 1 || one.get(0) != 'x') {
                System.out.println("BAD echo");
                System.exit(1);
            }
        }
        System.out.println("READY " + open.size());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        for (SocketChannel ch : open) {
            ch.close();
        }
        System.out.println("CLOSED");
        System.out.flush();
    }
}
