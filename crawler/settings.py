"""Scrapy settings. Every one can be overridden with `-s NAME=value`; the README lists them."""

BOT_NAME = "solidnet-crawler"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- the project's own settings ---------------------------------------------
SOLIDNET_URL = "https://www.solidnet.org"   # base URL; start URLs and the allowed domain derive from it
EXPORTS_DIR = "exports"                     # where the JSON Lines exports are written
STATE_DIR = "state"                         # crawl state between runs (SQLite)
RECENT_DAYS = 60                            # statements posted within this many days are re-checked every run
RECHECK_RUNS = 30                           # every older page is re-checked within this many runs
FULL_RECRAWL = False                        # True (or `-a full=1`): fetch every page again
PARTY_REGISTRY = None                       # a registry CSV of your own; None: the bundled crawler/parties/registry.csv
MAX_UNTITLED_SHARE = 0.2                    # a run with a larger share of pages without a title is degraded
MAX_UNDATED_SHARE = 0.25                    # ... or with a larger share of statement pages without a date (stamp, JSON-LD, <time>)
MAX_ERROR_SHARE = 0.2                       # ... or with a larger share of failed requests / unreadable pages
ARCHIVE_DIR = None                          # the web archive (WARC files and their index); None: STATE_DIR/archive
ARCHIVE_MAX_FILE_SIZE = 1_000_000_000       # a WARC file is closed for a new one before it passes this many bytes
ARCHIVE_WRITER_AFTER = 1000                 # fetches a run archives itself before a process of its own takes over (-1: never)
REEXTRACT = False                           # True (or `-a reextract=1`): read every page from the archive, send no request
PROGRESS = "auto"                           # a live progress line: "auto" when stdout is a terminal; True/False to force
RUN_SUMMARY = True                          # print a short summary when the run ends
SITEMAP_BATCH = 64                          # requests for a sitemap's entries sent at a time, the next once the scheduler runs dry
EXTRACT_WORKERS = 1                         # processes reading statement pages beside the crawl's own (0: read in it)
DERIVED_OUTPUTS = True                      # after publishing, build the SQLite/CSV/network files and the report (`scrapy build`)

# --- politeness ---------------------------------------------------------------
USER_AGENT = "solidnet-crawler/0.1 (research archive of party statements; +https://github.com/solidnet-crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"         # the spider logs the failed page once, as an ERROR (Scrapy >= 2.14)

# --- limits (hostile or broken responses) ------------------------------------------
DOWNLOAD_TIMEOUT = 20                       # seconds for a whole answer, body included (a trickling server too)
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024          # bytes of a response, sent or announced, and after decompression (gzip bombs)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024         # a larger response is logged as a warning
CLOSESPIDER_TIMEOUT = 4 * 3600              # seconds a run may take; after that it ends as failed, exports kept (0: no limit)
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# --- the flow -------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,   # replaced: it lets a run's first requests through
    "crawler.robots.RobotsTxtMiddleware": 100,
    "crawler.middlewares.PageChecksMiddleware": 580,   # charset, nesting depth; responses pass it after HttpCompressionMiddleware (590)
    "crawler.archive.middleware.ArchiveMiddleware": 950,   # next to the downloader: responses as received
}
ITEM_PIPELINES = {
    "crawler.pipelines.ExtractPipeline": 100,
    "crawler.pipelines.RecordPipeline": 200,
    "crawler.pipelines.ValidatePipeline": 300,
    "crawler.pipelines.StagePipeline": 400,
}
EXTENSIONS = {
    "crawler.runrecord.RunRecord": 0,   # judges the run, publishes its exports (crawler.publish), writes runs.jsonl
    "crawler.terminal.Progress": 10,      # progress on an interactive terminal only (PROGRESS)
    "crawler.gcfreeze.FreezeStartupObjects": 20,   # gc.freeze() at engine start: the collector skips start-up objects
    "crawler.loglevel.RootAtLogLevel": 30,         # the root logger at LOG_LEVEL: a call below it stops at the logger
}

STATS_CLASS = "crawler.stats.PlainStatsCollector"   # Scrapy's in-memory stats, without its per-attribute deprecation hook

CONCURRENT_ITEMS = 1   # outputs of one response handled in turn: the pipelines never wait on I/O, and Scrapy's
                       # default (100) starts 100 asyncio tasks per response whatever it yields

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
