// The run report's only script: the sample-grid stepper and the charts' read-out. No network, no libraries.
(function () {
  'use strict';
  document.querySelectorAll('.stepper').forEach(function (stepper) {
    var images = stepper.querySelectorAll('img.step');
    var slider = stepper.querySelector('input[type=range]');
    var label = stepper.querySelector('.label');
    function show(index) {
      index = Math.max(0, Math.min(images.length - 1, index));
      images.forEach(function (img, i) { img.hidden = i !== index; });
      slider.value = String(index);
      label.textContent = 'iteration ' + images[index].dataset.iteration + ' (' + (index + 1) + ' of ' + images.length + ')';
    }
    slider.addEventListener('input', function () { show(Number(slider.value)); });
    stepper.querySelector('.prev').addEventListener('click', function () { show(Number(slider.value) - 1); });
    stepper.querySelector('.next').addEventListener('click', function () { show(Number(slider.value) + 1); });
    show(Number(slider.value));
  });

  document.querySelectorAll('figure.chart').forEach(function (figure) {
    var svg = figure.querySelector('svg.plot');
    var readout = figure.querySelector('.readout');
    var cursor = svg.querySelector('.cursor');
    var left = Number(svg.dataset.left), right = Number(svg.dataset.right);
    var x0 = Number(svg.dataset.x0), x1 = Number(svg.dataset.x1);
    var series = Array.prototype.map.call(svg.querySelectorAll('.series'), function (s) {
      return { name: s.dataset.series, x: s.dataset.x.split(',').map(Number), y: s.dataset.y.split(',') };
    });
    svg.addEventListener('mousemove', function (event) {
      var box = svg.getBoundingClientRect();
      var px = (event.clientX - box.left) * (svg.viewBox.baseVal.width / box.width);
      var at = x0 + (px - left) / (right - left) * (x1 - x0);
      var parts = [], nearest = null;
      series.forEach(function (s) {
        var best = 0;
        for (var i = 1; i < s.x.length; i++) {
          if (Math.abs(s.x[i] - at) < Math.abs(s.x[best] - at)) { best = i; }
        }
        if (s.x.length && Math.abs(s.x[best] - at) <= (x1 - x0) / 20) {
          nearest = s.x[best];
          parts.push(s.name + ' ' + s.y[best]);
        }
      });
      if (nearest === null) { readout.textContent = ''; cursor.setAttribute('visibility', 'hidden'); return; }
      var cx = left + (nearest - x0) / (x1 - x0) * (right - left);
      cursor.setAttribute('x1', cx); cursor.setAttribute('x2', cx); cursor.setAttribute('visibility', 'visible');
      readout.textContent = 'it ' + nearest + ': ' + parts.join(', ');
    });
    svg.addEventListener('mouseleave', function () { readout.textContent = ''; cursor.setAttribute('visibility', 'hidden'); });
  });
}());
