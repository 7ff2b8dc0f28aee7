package dev.vigie.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders the precompiled jte templates of {@code src/main/jte} (compiled to Java at build time by
 * the jte Maven plugin, so nothing is compiled at run time). HTML output is escaped by jte.
 * Thread-safe.
 */
public final class Renderer {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with the view and the extra parameters into a string. */
  public String render(String template, View view, Map<String, Object> params) {
    Map<String, Object> all = new HashMap<>(params);
    all.put("v", view);
    StringOutput out = new StringOutput(8192);
    engine.render(template, all, out);
    return out.toString();
  }

  /** Renders into the response as HTML. */
  public void html(Context ctx, String template, View view, Map<String, Object> params) {
    ctx.contentType("text/html; charset=utf-8").result(render(template, view, params));
  }
}
