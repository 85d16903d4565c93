// Razorpay Checkout on the pay page: opened at once and by the Pay button. The handler's three
// fields go to the server in a form (with the page's CSRF token); the server checks the signature
// before anything is credited. No inline script: the page's data is in data- attributes.
(function () {
  "use strict";
  var box = document.getElementById("razorpay-checkout");
  if (!box) {
    return;
  }
  var problem = document.getElementById("pay-problem");

  function say(text) {
    problem.textContent = text;
    problem.hidden = false;
  }

  function open() {
    if (typeof window.Razorpay !== "function") {
      say("Razorpay's payment window could not be loaded. Check your connection and press Pay again.");
      return;
    }
    problem.hidden = true;
    var checkout = new window.Razorpay({
      key: box.dataset.key,
      order_id: box.dataset.order,
      amount: Number(box.dataset.amount),
      currency: box.dataset.currency,
      name: "Socra",
      description: box.dataset.description,
      handler: function (response) {
        var form = document.getElementById("razorpay-return");
        form.elements.razorpay_order_id.value = response.razorpay_order_id || "";
        form.elements.razorpay_payment_id.value = response.razorpay_payment_id || "";
        form.elements.razorpay_signature.value = response.razorpay_signature || "";
        form.submit();
      },
      modal: {
        ondismiss: function () {
          say("You closed the payment window: nothing was charged. Press Pay to try again.");
        }
      }
    });
    checkout.on("payment.failed", function (response) {
      var why = response && response.error && response.error.description;
      say("The payment did not go through" + (why ? ": " + why : "") + ". Nothing was credited.");
    });
    checkout.open();
  }

  document.getElementById("pay-button").addEventListener("click", open);
  open();
})();
