package dev.socra.server.billing.fake;

import java.nio.charset.StandardCharsets;

/**
 * The fake Razorpay Checkout script: the same {@code window.Razorpay} the real checkout.js defines
 * ({@code new Razorpay(options)}, {@code .on(event, f)}, {@code .open()}), opening a modal of its
 * own whose buttons ask the fake to pay or decline the order, then call the page's handler or its
 * {@code payment.failed} listeners as Razorpay's does. No inline handlers: listeners are attached
 * from this script.
 */
final class CheckoutScript {
  private CheckoutScript() {}

  static byte[] razorpay(String base) {
    String js =
        """
        (function () {
          "use strict";
          var BASE = "%s";
          function Razorpay(options) {
            if (!(this instanceof Razorpay)) { return new Razorpay(options); }
            this.options = options;
            this.listeners = {};
          }
          Razorpay.prototype.on = function (event, f) {
            (this.listeners[event] = this.listeners[event] || []).push(f);
          };
          Razorpay.prototype.close = function () {
            var m = document.getElementById("fake-razorpay");
            if (m) { m.remove(); }
          };
          Razorpay.prototype.open = function () {
            var self = this, o = this.options;
            this.close();
            var modal = document.createElement("div");
            modal.id = "fake-razorpay";
            modal.setAttribute("role", "dialog");
            modal.style.position = "fixed"; modal.style.inset = "0";
            modal.style.background = "rgba(0,0,0,0.5)"; modal.style.zIndex = "1000";
            var panel = document.createElement("div");
            panel.style.background = "#fff"; panel.style.margin = "10%% auto";
            panel.style.padding = "2rem"; panel.style.maxWidth = "360px";
            var title = document.createElement("h2");
            title.textContent = "Fake Razorpay: " + o.name;
            var amount = document.createElement("p");
            amount.className = "fake-amount";
            amount.textContent = (o.amount / 100).toFixed(2) + " " + o.currency + " (" + o.order_id + ")";
            var pay = document.createElement("button");
            pay.id = "fake-razorpay-pay"; pay.type = "button"; pay.textContent = "Pay";
            var decline = document.createElement("button");
            decline.id = "fake-razorpay-decline"; decline.type = "button"; decline.textContent = "Decline";
            var dismiss = document.createElement("button");
            dismiss.id = "fake-razorpay-close"; dismiss.type = "button"; dismiss.textContent = "Close";
            panel.append(title, amount, pay, decline, dismiss);
            modal.append(panel);
            document.body.append(modal);
            function ask(path) {
              return fetch(BASE + path, {
                method: "POST",
                headers: { "Content-Type": "text/plain" },
                body: JSON.stringify({ key: o.key, order_id: o.order_id })
              }).then(function (r) { return r.json(); });
            }
            pay.addEventListener("click", function () {
              ask("/checkout/pay").then(function (r) { self.close(); o.handler(r); });
            });
            decline.addEventListener("click", function () {
              ask("/checkout/fail").then(function (r) {
                (self.listeners["payment.failed"] || []).forEach(function (f) { f(r); });
              });
            });
            dismiss.addEventListener("click", function () {
              self.close();
              if (o.modal && o.modal.ondismiss) { o.modal.ondismiss(); }
            });
          };
          window.Razorpay = Razorpay;
        })();
        """
            .formatted(base);
    return js.getBytes(StandardCharsets.UTF_8);
  }
}
