<?xml version="1.0" encoding="UTF-8"?>
<!-- Reading edition as a research tool (issue 15): what a document page carries for search, citing and
     browsing. Included by html.xsl. Search filters and metadata are attributes or hidden blocks outside the
     text sections: no word is shown that the TEI lacks. The sequence navigation (previous/next, chains) is
     an empty landmark here, filled by the site pass (render/site.py), which alone knows the corpus. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- transliterated forms of the text's words (render/search_forms.py): indexed, never shown -->
  <xsl:param name="search_forms" as="xs:string" select="''"/>

  <xsl:function name="cg:language-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:sequence select="(map{'ru': 'Russian', 'en': 'English', 'zh': 'Chinese', 'ko': 'Korean', 'de': 'German', 'fr': 'French',
                              'ja': 'Japanese'}(lower-case(tokenize($code, '-')[1])), $code)[1]"/>
  </xsl:function>

  <!-- Dublin Core and schema.org, from the header alone -->
  <xsl:template match="t:TEI | t:teiCorpus" mode="research-head">
    <xsl:variable name="date" select="cg:date-iso(.)"/>
    <xsl:variable name="langs" select="distinct-values(descendant-or-self::t:TEI/cg:versions(.)/@xml:lang)"/>
    <meta name="DC.title" content="{cg:title(.)}"/>
    <xsl:for-each select="cg:sender(.)[. != '']"><meta name="DC.creator" content="{.}"/></xsl:for-each>
    <xsl:for-each select="cg:recipient(.)[. != '']"><meta name="DC.contributor" content="{.}"/></xsl:for-each>
    <xsl:if test="$date"><meta name="DC.date" content="{$date}"/></xsl:if>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <xsl:for-each select="$langs"><meta name="DC.language" content="{.}"/></xsl:for-each>
    <xsl:if test="cg:shelfmarks(.)"><meta name="DC.source" content="{cg:shelfmarks(.)}"/></xsl:if>
    <xsl:if test="cg:url(.)"><meta name="DC.relation" content="{cg:url(.)}"/></xsl:if>
    <meta name="DC.identifier" content="{$stem}"/>
    <xsl:variable name="ld" select="map{
        '@context': 'https://schema.org', '@type': 'ArchiveComponent', 'name': cg:title(.), 'identifier': $stem,
        'dateCreated': $date, 'inLanguage': array{ $langs },
        'author': array{ cg:sender(.)[. != ''] ! map{'@type': 'Thing', 'name': .} },
        'recipient': array{ cg:recipient(.)[. != ''] ! map{'@type': 'Thing', 'name': .} },
        'description': normalize-space(string-join(t:teiHeader/t:profileDesc/t:abstract, ' ')),
        'holdingArchive': normalize-space((t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:repository)[1]),
        'sameAs': cg:url(.), 'encoding': map{'@type': 'MediaObject', 'contentUrl': $tei_href, 'encodingFormat': 'application/tei+xml'}}"/>
    <script type="application/ld+json"><xsl:value-of select="serialize($ld, map{'method': 'json'})"/></script>
  </xsl:template>

  <!-- Pagefind: filters, sort key and result metadata as attributes of empty elements (no indexed words) -->
  <xsl:template match="t:TEI | t:teiCorpus" mode="research-index">
    <xsl:variable name="doc" select="."/>
    <div class="search-data" hidden="hidden">
      <xsl:if test="cg:year(.)">
        <span data-pagefind-filter="year:{cg:year(.)}"></span>
        <span data-pagefind-sort="date:{cg:date-iso(.)}"></span>
        <span data-pagefind-meta="date:{cg:date-label(.)}"></span>
      </xsl:if>
      <xsl:for-each select="(t:teiHeader//t:correspDesc/t:correspAction[@type = 'sent'])[1]/(t:persName | t:orgName)">
        <span data-pagefind-filter="sender:{normalize-space(.)}"></span>
      </xsl:for-each>
      <xsl:for-each select="(t:teiHeader//t:correspDesc/t:correspAction[@type = 'received'])[1]/(t:persName | t:orgName)">
        <span data-pagefind-filter="recipient:{normalize-space(.)}"></span>
      </xsl:for-each>
      <xsl:for-each select="distinct-values(t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/t:msIdentifier/t:repository/normalize-space())">
        <span data-pagefind-filter="archive:{.}"></span>
      </xsl:for-each>
      <xsl:for-each select="distinct-values($doc/descendant-or-self::t:TEI/cg:versions(.)/@xml:lang ! cg:language-name(.))">
        <span data-pagefind-filter="language:{.}"></span>
      </xsl:for-each>
      <xsl:for-each select="distinct-values($doc/descendant-or-self::t:TEI/cg:versions(.)/string-join((@type, @subtype), ' '))">
        <span data-pagefind-filter="version:{.}"></span>
      </xsl:for-each>
      <!-- forms in the other script: the search finds 'Molotov' for 'Молотов' and the reverse -->
      <xsl:if test="$search_forms != ''"><p class="search-forms" data-pagefind-weight="0.5"><xsl:value-of select="$search_forms"/></p></xsl:if>
    </div>
  </xsl:template>

</xsl:stylesheet>
