package dev.vigie.server.ingest;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * HEP listeners on UDP and TCP (Netty; epoll when available). UDP datagrams are copied out and
 * handed to the {@link IngestQueue}; TCP streams are split into HEP packets by their own length
 * field (HEP3: bytes 4-5; v1/v2: byte 1) before the same hand-off. A receive buffer of several MB
 * absorbs bursts; what the queue cannot take is dropped and counted, never blocking the socket.
 */
public final class HepListener implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;
  private final LongAdder framingErrors = new LongAdder();

  private HepListener(EventLoopGroup group, Channel udp, Channel tcp) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
  }

  /**
   * Binds UDP and TCP on host:port (port 0 picks a free port, the same number for both if it can).
   */
  public static HepListener start(String host, int port, int receiveBuffer, IngestQueue queue)
      throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      HepListener[] self = new HepListener[1];
      Channel udp;
      Channel tcp;
      // port 0: the kernel picks a free UDP port, which may be taken over TCP; then try a fresh one
      for (int attempt = 1; ; attempt++) {
        udp = bindUdp(group, epoll, host, port, receiveBuffer, queue);
        int boundPort = ((InetSocketAddress) udp.localAddress()).getPort();
        try {
          tcp = bindTcp(group, epoll, host, boundPort, queue, self);
          break;
        } catch (Exception e) {
          udp.close().sync();
          if (port != 0 || attempt >= 20) throw e;
        }
      }
      self[0] = new HepListener(group, udp, tcp);
      return self[0];
    } catch (Exception e) { // also Netty's bind errors, thrown unchecked-style
      group.shutdownGracefully();
      throw e;
    }
  }

  private static Channel bindUdp(
      EventLoopGroup group,
      boolean epoll,
      String host,
      int port,
      int receiveBuffer,
      IngestQueue queue)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, receiveBuffer)
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
        .handler(
            new SimpleChannelInboundHandler<DatagramPacket>() {
              @Override
              protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                ByteBuf b = p.content();
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                queue.offer(new Datagram(bytes, System.nanoTime(), p.sender().getAddress(), false));
              }
            })
        .bind(host, port)
        .sync()
        .channel();
  }

  private static Channel bindTcp(
      EventLoopGroup group,
      boolean epoll,
      String host,
      int boundPort,
      IngestQueue queue,
      HepListener[] self)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                java.net.InetAddress agent = ch.remoteAddress().getAddress();
                ch.pipeline().addLast(new HepStreamDecoder(queue, agent, self));
              }
            })
        .bind(host, boundPort)
        .sync()
        .channel();
  }

  public int port() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  public long framingErrors() {
    return framingErrors.sum();
  }

  @Override
  public void close() {
    udp.close().awaitUninterruptibly();
    tcp.close().awaitUninterruptibly();
    group.shutdownGracefully().awaitUninterruptibly();
  }

  /** Splits a TCP byte stream into HEP packets by their length field; closes on garbage. */
  private static final class HepStreamDecoder extends ByteToMessageDecoder {
    private final IngestQueue queue;
    private final java.net.InetAddress agent;
    private final HepListener[] owner;

    HepStreamDecoder(IngestQueue queue, java.net.InetAddress agent, HepListener[] owner) {
      this.queue = queue;
      this.agent = agent;
      this.owner = owner;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.readableBytes() >= 6) {
        int r = in.readerIndex();
        int len;
        if (in.getByte(r) == 'H'
            && in.getByte(r + 1) == 'E'
            && in.getByte(r + 2) == 'P'
            && in.getByte(r + 3) == '3') {
          len = in.getUnsignedShort(r + 4);
          if (len < 6) {
            garbage(ctx, in);
            return;
          }
        } else if (in.getByte(r) == 1 || in.getByte(r) == 2) {
          // HEP v1/v2: byte 1 is the header length; the payload runs to the end of what the agent
          // wrote in one go, so v1/v2 over TCP is only supported one packet per segment.
          len = in.readableBytes();
        } else {
          garbage(ctx, in);
          return;
        }
        if (in.readableBytes() < len) return;
        byte[] bytes = new byte[len];
        in.readBytes(bytes);
        queue.offer(new Datagram(bytes, System.nanoTime(), agent, true));
      }
    }

    private void garbage(ChannelHandlerContext ctx, ByteBuf in) {
      if (owner[0] != null) owner[0].framingErrors.increment();
      in.skipBytes(in.readableBytes());
      ctx.close();
    }
  }
}
