# Prints "skipped: TEST: REASON" for every test a TRX file reports as not executed (xUnit's skip reason is its ErrorInfo message).
/<UnitTestResult / {
    inside = ($0 ~ /outcome="NotExecuted"/)
    if (inside) { name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name); reason = "" }
}
inside && /<Message>/ { reason = $0; sub(/.*<Message>/, "", reason); sub(/<\/Message>.*/, "", reason) }
inside && /<\/UnitTestResult>|\/>[[:space:]]*$/ && /UnitTestResult/ {
    if ($0 ~ /<\/UnitTestResult>/ || $0 ~ /<UnitTestResult .*\/>/) {
        gsub(/&lt;/, "<", reason); gsub(/&gt;/, ">", reason); gsub(/&quot;/, "\"", reason); gsub(/&apos;/, "'", reason); gsub(/&amp;/, "\\&", reason)
        gsub(/&lt;/, "<", name); gsub(/&gt;/, ">", name); gsub(/&quot;/, "\"", name); gsub(/&amp;/, "\\&", name)
        print "skipped: " name ": " (reason == "" ? "(no reason given)" : reason)
        inside = 0
    }
}
