package dev.vigie.server.ingest;

import dev.vigie.server.config.IngestConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
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
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * HEP listeners on UDP and TCP (Netty; epoll when available). Every packet first passes the {@link
 * HepGate} on the network thread (sender address, then auth key, nothing decoded), then is copied
 * out and handed to the {@link IngestQueue}. A receive buffer of several MB absorbs bursts; what
 * the queue cannot take is dropped and counted, never blocking the socket; what the kernel could
 * not put in that buffer is counted too ({@link #kernelDrops()}).
 *
 * <p>TCP streams are split into HEP3 packets by their length field (bytes 4-5, at most 65,535, so
 * no connection ever buffers more than one packet). Each connection is bounded: at most {@code
 * server.hep.tcp.maxConnections} at once (more are closed at accept), closed after {@code
 * idleTimeout} without a byte or with a packet left unfinished that long, closed on anything that
 * is not HEP3 (HEP v1/v2 have no length field and cannot be framed on a stream) and on a packet
 * without the auth key. Each of these is counted.
 */
public final class HepListener implements AutoCloseable {
  /** The largest HEP3 packet (a u16 length): the most a connection ever holds unfinished. */
  static final int MAX_PACKET = 65535;

  private final EventLoopGroup group;
  private final Channel udp;
  private final Channel tcp;
  private final KernelDrops kernel;
  final Counters counters;

  /** What the listeners count, besides the gate's rejections. */
  static final class Counters {
    final LongAdder framingErrors = new LongAdder();
    final LongAdder tcpRefused = new LongAdder();
    final LongAdder tcpIdleClosed = new LongAdder();
    final AtomicInteger tcpOpen = new AtomicInteger();
  }

  private HepListener(EventLoopGroup group, Channel udp, Channel tcp, Counters counters) {
    this.group = group;
    this.udp = udp;
    this.tcp = tcp;
    this.counters = counters;
    int fd = udp instanceof EpollDatagramChannel e ? e.fd().intValue() : -1;
    this.kernel = KernelDrops.of(fd, ((InetSocketAddress) udp.localAddress()).getPort());
  }

  /**
   * Binds UDP and TCP on host:port. Port 0 picks a free UDP port and binds TCP on the same number;
   * when that TCP port is taken, it tries again on a fresh pair (up to 20 times), so that two
   * listeners started at once never collide.
   */
  public static HepListener start(
      String host, int port, int receiveBuffer, IngestQueue queue, HepGate gate, IngestConfig cfg)
      throws InterruptedException, BindException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            2, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Counters counters = new Counters();
    try {
      for (int attempt = 0; ; attempt++) {
        Channel udp = bindUdp(group, epoll, host, port, receiveBuffer, queue, gate);
        int boundPort = ((InetSocketAddress) udp.localAddress()).getPort();
        try {
          Channel tcp = bindTcp(group, epoll, host, boundPort, queue, gate, cfg, counters);
          return new HepListener(group, udp, tcp, counters);
        } catch (BindException | RuntimeException e) {
          udp.close().awaitUninterruptibly();
          if (port != 0 || attempt >= 20 || !isBindFailure(e)) throw e;
        }
      }
    } catch (Exception e) {
      group.shutdownGracefully();
      throw e;
    }
  }

  /** The bind failure restated with the protocol, address and port (what the user must change). */
  private static Channel bound(String proto, String host, int port, ChannelFuture f)
      throws InterruptedException, BindException {
    try {
      return f.sync().channel();
    } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
      if (e instanceof InterruptedException ie) throw ie;
      if (!isBindFailure(e)) throw e;
      BindException b =
          new BindException(
              "HEP " + proto + " " + host + ":" + port + ": " + firstLine(e.getMessage()));
      b.initCause(e);
      throw b;
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "address in use";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof java.net.BindException
          || String.valueOf(t.getMessage()).contains("already in use")) return true;
    return false;
  }

  private static Channel bindUdp(
      EventLoopGroup group,
      boolean epoll,
      String host,
      int port,
      int receiveBuffer,
      IngestQueue queue,
      HepGate gate)
      throws InterruptedException, BindException {
    ChannelFuture f =
        new Bootstrap()
            .group(group)
            .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
            .option(ChannelOption.SO_RCVBUF, receiveBuffer)
            .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
            .handler(
                new SimpleChannelInboundHandler<DatagramPacket>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                    InetAddress sender = p.sender().getAddress();
                    if (!gate.admits(sender)) return; // before copying or decoding anything
                    ByteBuf b = p.content();
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    if (!gate.keyed(bytes)) return;
                    queue.offer(new Datagram(bytes, System.nanoTime(), sender, false));
                  }
                })
            .bind(host, port);
    return bound("UDP", host, port, f);
  }

  private static Channel bindTcp(
      EventLoopGroup group,
      boolean epoll,
      String host,
      int port,
      IngestQueue queue,
      HepGate gate,
      IngestConfig cfg,
      Counters counters)
      throws InterruptedException, BindException {
    long idleNanos = cfg.tcpIdleTimeout().toNanos();
    ChannelFuture f =
        new ServerBootstrap()
            .group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    InetAddress agent = ch.remoteAddress().getAddress();
                    if (!gate.admits(agent)) {
                      ch.close();
                      return;
                    }
                    if (counters.tcpOpen.incrementAndGet() > cfg.tcpMaxConnections()) {
                      counters.tcpOpen.decrementAndGet();
                      counters.tcpRefused.increment();
                      ch.close();
                      return;
                    }
                    ch.closeFuture().addListener(f -> counters.tcpOpen.decrementAndGet());
                    ch.pipeline()
                        .addLast(new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS))
                        .addLast(new HepStreamDecoder(queue, gate, agent, counters, idleNanos));
                  }
                })
            .bind(host, port);
    return bound("TCP", host, port, f);
  }

  public int port() {
    return ((InetSocketAddress) udp.localAddress()).getPort();
  }

  public long framingErrors() {
    return counters.framingErrors.sum();
  }

  /** HEP TCP connections closed at accept because {@code maxConnections} were open. */
  public long tcpRefused() {
    return counters.tcpRefused.sum();
  }

  /** HEP TCP connections closed for idleness or a packet left unfinished. */
  public long tcpIdleClosed() {
    return counters.tcpIdleClosed.sum();
  }

  /** HEP TCP connections open now. */
  public int tcpConnections() {
    return counters.tcpOpen.get();
  }

  /**
   * Datagrams the kernel dropped on the UDP socket (receive buffer full), see {@link KernelDrops}.
   */
  public long kernelDrops() {
    return kernel.drops();
  }

  /** True when {@link #kernelDrops()} finds the socket by its inode (epoll), not by its port. */
  public boolean kernelDropsExact() {
    return kernel.byInode();
  }

  /** True while both sockets are open (for {@code /healthz}). */
  public boolean listening() {
    return udp.isActive() && tcp.isActive();
  }

  /** Stops (or resumes) reading the UDP socket: lets a test fill the kernel's receive buffer. */
  void pauseUdp(boolean paused) {
    udp.config().setAutoRead(!paused);
  }

  @Override
  public void close() {
    udp.close().awaitUninterruptibly();
    tcp.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  /**
   * Splits a TCP byte stream into HEP3 packets by their length field; closes on anything else, on a
   * packet without the auth key, and on a packet left unfinished for the idle timeout.
   */
  private static final class HepStreamDecoder extends ByteToMessageDecoder {
    private final IngestQueue queue;
    private final HepGate gate;
    private final InetAddress agent;
    private final Counters counters;
    private final long idleNanos;
    private long partialSince;

    HepStreamDecoder(
        IngestQueue queue, HepGate gate, InetAddress agent, Counters counters, long idleNanos) {
      this.queue = queue;
      this.gate = gate;
      this.agent = agent;
      this.counters = counters;
      this.idleNanos = idleNanos;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.readableBytes() >= 6) {
        int r = in.readerIndex();
        if (in.getByte(r) != 'H'
            || in.getByte(r + 1) != 'E'
            || in.getByte(r + 2) != 'P'
            || in.getByte(r + 3) != '3') {
          garbage(ctx, in);
          return;
        }
        int len = in.getUnsignedShort(r + 4);
        if (len < 6) {
          garbage(ctx, in);
          return;
        }
        if (in.readableBytes() < len) break;
        byte[] bytes = new byte[len];
        in.readBytes(bytes);
        partialSince = 0;
        if (!gate.keyed(bytes)) {
          in.skipBytes(in.readableBytes());
          ctx.close();
          return;
        }
        queue.offer(new Datagram(bytes, System.nanoTime(), agent, true));
      }
      if (in.isReadable()) {
        long now = System.nanoTime();
        if (partialSince == 0) partialSince = now;
        else if (now - partialSince > idleNanos) idle(ctx, in);
      } else {
        partialSince = 0;
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent) {
        counters.tcpIdleClosed.increment();
        ctx.close();
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // a reset connection: nothing to log per connection
    }

    private void idle(ChannelHandlerContext ctx, ByteBuf in) {
      counters.tcpIdleClosed.increment();
      in.skipBytes(in.readableBytes());
      ctx.close();
    }

    private void garbage(ChannelHandlerContext ctx, ByteBuf in) {
      counters.framingErrors.increment();
      in.skipBytes(in.readableBytes());
      ctx.close();
    }
  }
}
