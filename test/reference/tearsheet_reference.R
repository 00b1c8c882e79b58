#!/usr/bin/env Rscript
# Independent reference for bt's tear-sheet figures (docs/metrics.md), computed with R
# PerformanceAnalytics itself: CAPM.beta, CAPM.alpha, table.CAPM's annualized alpha,
# TrackingError, InformationRatio, UpDownRatios(method = "Capture"), cor, Omega(L = 0),
# UlcerIndex, findDrawdowns / table.Drawdowns, apply.monthly / apply.yearly, and
# empyrical's tail ratio via quantile(type = 7).
#
#   Rscript test/reference/tearsheet_reference.R
#       synthetic cases plus the committed quickstart run (test/fixtures/tearsheet/quickstart/)
#       -> test/fixtures/tearsheet/reference.json
#   Rscript test/reference/tearsheet_reference.R RUN_DIR
#       a run written with `bt run SCENARIO --csv` (equity.csv, benchmark.csv, and metrics.json
#       or run.json for initial_equity and periods_per_year) -> JSON on stdout
#
# Needs R with xts, PerformanceAnalytics (2.1.0 used) and jsonlite.
suppressPackageStartupMessages({
  library(xts)
  library(PerformanceAnalytics)
  library(jsonlite)
})

num <- function(x) {
  x <- as.numeric(x)[1]
  if (is.na(x) || !is.finite(x)) NA_real_ else x
}

utc <- function(ts_ms) as.POSIXct(ts_ms / 1000, origin = "1970-01-01", tz = "UTC")

# bt's date labels: one resolution for the whole series (engine/core/instant-resolution.ts):
# YYYY-MM-DD when every time is midnight UTC, else YYYY-MM-DDTHH:MMZ for every one, with :SS
# when a time has seconds (whole seconds here)
resolution <- function(times) {
  s <- as.numeric(times) %% 86400
  if (all(s == 0)) "%Y-%m-%d" else if (all(s %% 60 == 0)) "%Y-%m-%dT%H:%MZ" else "%Y-%m-%dT%H:%M:%SZ"
}
day <- function(t, fmt) {
  if (is.na(t)) return(NA_character_)
  format(t, fmt, tz = "UTC")
}

compounded <- function(R, fun, fmt) {
  p <- fun(R, function(x) prod(1 + as.numeric(x)) - 1)
  keys <- format(index(p), fmt, tz = "UTC")
  as.list(setNames(as.numeric(p), keys))
}

drawdown_table <- function(R) {
  runs <- findDrawdowns(R)
  if (sum(runs$return < 0) == 0) return(list())
  td <- suppressWarnings(table.Drawdowns(R, top = 5, digits = 22)) # warns when fewer than 5 exist
  fmt <- resolution(index(R))
  lapply(seq_len(nrow(td)), function(i) list(
    from = day(td$From[i], fmt), trough = day(td$Trough[i], fmt), to = day(td$To[i], fmt),
    depth = num(td$Depth[i]), length = num(td$Length[i]), to_trough = num(td[["To Trough"]][i]),
    recovery = num(td$Recovery[i])
  ))
}

# r: returns; b: benchmark returns (NA where it has none) or NULL; ts_ms: period end times.
tearsheet <- function(r, b, ts_ms, N) {
  idx <- utc(ts_ms)
  R <- xts(r, order.by = idx)
  runs <- findDrawdowns(R)
  out <- list(
    omega = num(Omega(as.numeric(r), L = 0, method = "simple")),
    ulcer_index = num(UlcerIndex(R)),
    tail_ratio = num(abs(quantile(r, 0.95, type = 7, names = FALSE)) / abs(quantile(r, 0.05, type = 7, names = FALSE))),
    longest_drawdown_periods = if (any(runs$return < 0)) max(runs$length[runs$return < 0]) else 0,
    monthly_returns = compounded(R, apply.monthly, "%Y-%m"),
    yearly_returns = compounded(R, apply.yearly, "%Y"),
    drawdowns = drawdown_table(R)
  )
  if (!is.null(b)) {
    ok <- !is.na(b)
    Ra <- xts(r[ok], order.by = idx[ok])
    Rb <- xts(b[ok], order.by = idx[ok])
    alpha <- num(suppressWarnings(CAPM.alpha(Ra, Rb)))
    out$beta <- num(suppressWarnings(CAPM.beta(Ra, Rb)))
    out$alpha <- alpha
    out$alpha_annualized <- num((1 + alpha)^N - 1)
    out$tracking_error <- num(TrackingError(Ra, Rb, scale = N))
    out$information_ratio <- num(InformationRatio(Ra, Rb, scale = N))
    # UpDownRatios stops with an error when no period is on that side: undefined (null)
    capture <- function(side) tryCatch(num(UpDownRatios(Ra, Rb, method = "Capture", side = side)), error = function(e) NA_real_)
    out$up_capture <- capture("Up")
    out$down_capture <- capture("Down")
    out$correlation <- num(cor(as.numeric(Ra), as.numeric(Rb)))
    out$benchmark_n <- sum(ok)
  }
  out
}

# A run folder: returns from the equity curve (the first from the initial capital), the
# benchmark's return over each period from its last close at or before both ends.
# Times in epoch ms: a run's CSVs give them as ts_ms (ts is ISO 8601), the committed fixture's as ts.
ms_of <- function(d) if ("ts_ms" %in% names(d)) d$ts_ms else d$ts
run_dir_case <- function(dir) {
  eq <- read.csv(file.path(dir, "equity.csv"))
  eq$ts <- ms_of(eq)
  meta_file <- if (file.exists(file.path(dir, "run.json"))) "run.json" else "metrics.json"
  meta <- fromJSON(file.path(dir, meta_file))
  e <- c(meta$initial_equity, eq$equity)
  r <- e[-1] / e[-length(e)] - 1
  b <- NULL
  if (file.exists(file.path(dir, "benchmark.csv"))) {
    bc <- read.csv(file.path(dir, "benchmark.csv"))
    bc$ts <- ms_of(bc)
    j <- findInterval(eq$ts, bc$ts)
    level <- ifelse(j > 0, bc$close[pmax(j, 1)], NA)
    b <- c(NA, level[-1] / level[-length(level)] - 1)
  }
  list(N = meta$periods_per_year, expected = tearsheet(r, b, eq$ts, meta$periods_per_year))
}

DAY <- 86400000
weekdays_from <- function(start, n) {
  t <- as.numeric(as.POSIXct(start, tz = "UTC")) * 1000 + (0:(2 * n)) * DAY
  wd <- as.POSIXlt(utc(t))$wday
  t[wd != 0 & wd != 6][1:n]
}
month_starts <- function(year, month, n) {
  sapply(0:(n - 1), function(k) {
    m <- month - 1 + k
    as.numeric(as.POSIXct(sprintf("%04d-%02d-01", year + m %/% 12, m %% 12 + 1), tz = "UTC")) * 1000
  })
}

synthetic_cases <- function() {
  set.seed(20261202)
  cases <- list()
  # Daily business days over two years; the series loads 0.8 on the benchmark.
  n <- 520
  b <- round(rnorm(n, 3e-4, 0.011), 8)
  r <- round(2e-4 + 0.8 * b + rnorm(n, 0, 0.006), 8)
  cases[[length(cases) + 1]] <- list(name = "daily-two-years", N = 252, ts_ms = weekdays_from("2019-12-30", n), returns = r, benchmark = b)
  # Monthly, ending under water; the benchmark is missing twice and exactly 0 twice.
  n <- 40
  b <- round(rnorm(n, 0.006, 0.045), 8)
  b[c(5, 17)] <- 0
  r <- round(0.003 + 1.1 * b + rnorm(n, 0, 0.02), 8)
  r[34:40] <- -abs(r[34:40]) - 0.001
  bm <- b
  bm[c(1, 22)] <- NA
  cases[[length(cases) + 1]] <- list(name = "monthly-open-drawdown", N = 12, ts_ms = month_starts(2015, 3, n), returns = r, benchmark = bm)
  # Hourly across a year end: calendar keys are UTC.
  n <- 30
  t0 <- as.numeric(as.POSIXct("2020-12-31 12:00:00", tz = "UTC")) * 1000
  b <- round(rnorm(n, 0, 0.004), 8)
  r <- round(-0.5 * b + rnorm(n, 0, 0.003), 8)
  cases[[length(cases) + 1]] <- list(name = "hourly-year-end", N = 8760, ts_ms = t0 + (0:(n - 1)) * 3600000, returns = r, benchmark = b)
  # Never under water; the benchmark never falls: no drawdown, no loss, no down capture.
  n <- 24
  b <- round(runif(n, 0.001, 0.02), 8)
  r <- round(runif(n, 0.0005, 0.03), 8)
  cases[[length(cases) + 1]] <- list(name = "no-drawdown", N = 12, ts_ms = month_starts(2001, 1, n), returns = r, benchmark = b)
  lapply(cases, function(c) {
    c$expected <- tearsheet(c$returns, c$benchmark, c$ts_ms, c$N)
    c
  })
}

to_json <- function(x) toJSON(x, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = TRUE)

args <- commandArgs(trailingOnly = TRUE)
if (length(args) >= 1) {
  cat(to_json(run_dir_case(args[1])), "\n")
} else {
  out <- list(
    generator = "test/reference/tearsheet_reference.R",
    performance_analytics = as.character(packageVersion("PerformanceAnalytics")),
    synthetic = synthetic_cases(),
    quickstart = run_dir_case("test/fixtures/tearsheet/quickstart")
  )
  writeLines(to_json(out), "test/fixtures/tearsheet/reference.json")
  cat("wrote test/fixtures/tearsheet/reference.json\n")
}
